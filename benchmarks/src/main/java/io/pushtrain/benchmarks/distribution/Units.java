package io.pushtrain.benchmarks.distribution;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes ("1.5GB", "4MiB") and rates ("1Gbit", "10Gbit/s") from the command line, and back. */
final class Units {

    private static final Pattern AMOUNT = Pattern.compile("([0-9]*\\.?[0-9]+)\\s*([a-zA-Z]*)(/s)?");

    private Units() {
    }

    /** Bytes: B, KB, MB, GB, TB are powers of 1000; KiB, MiB, GiB, TiB powers of 1024. */
    static long bytes(String text) {
        Matcher m = AMOUNT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        double value = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "kb", "k" -> 1e3;
            case "mb", "m" -> 1e6;
            case "gb", "g" -> 1e9;
            case "tb", "t" -> 1e12;
            case "kib" -> 1024.0;
            case "mib" -> 1024.0 * 1024;
            case "gib" -> 1024.0 * 1024 * 1024;
            case "tib" -> 1024.0 * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown size unit in " + text);
        };
        return Math.round(value * unit);
    }

    /** Bits per second: bit, kbit, Mbit, Gbit (powers of 1000), optionally followed by /s. */
    static double bitsPerSecond(String text) {
        Matcher m = AMOUNT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a rate: " + text);
        }
        double value = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "bit", "bps" -> 1;
            case "kbit", "kbps" -> 1e3;
            case "mbit", "mbps" -> 1e6;
            case "gbit", "gbps" -> 1e9;
            default -> throw new IllegalArgumentException("unknown rate unit in " + text);
        };
        return value * unit;
    }

    static String size(double bytes) {
        if (bytes >= 1e12) {
            return String.format(Locale.ROOT, "%.2f TB", bytes / 1e12);
        }
        if (bytes >= 1e9) {
            return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
        }
        if (bytes >= 1e6) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f B", bytes);
    }

    static String rate(double bitsPerSecond) {
        if (bitsPerSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.4g Gbit/s", bitsPerSecond / 1e9);
        }
        return String.format(Locale.ROOT, "%.4g Mbit/s", bitsPerSecond / 1e6);
    }

    static String duration(double seconds) {
        if (seconds >= 120) {
            return String.format(Locale.ROOT, "%.1f min (%.0f s)", seconds / 60, seconds);
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
