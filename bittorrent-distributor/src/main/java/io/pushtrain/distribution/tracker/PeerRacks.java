package io.pushtrain.distribution.tracker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The rack of a peer's IP: first the configured CIDR blocks ({@code pushtrain.racks}), else the rack
 * of the registered host with that address, else unknown (null). Registry answers are cached
 * briefly because every announce asks for dozens of peers.
 */
public class PeerRacks {

    private static final Duration CACHE = Duration.ofSeconds(10);

    private final List<Block> blocks;
    private final Function<String, Optional<String>> registry;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public PeerRacks(Map<String, List<String>> racks, Function<String, Optional<String>> registry, Clock clock) {
        this.blocks = parse(racks);
        this.registry = registry;
        this.clock = clock;
    }

    /** The rack, or null when nobody knows. */
    public String rackOf(String ip) {
        if (ip == null) {
            return null;
        }
        byte[] address = literal(ip);
        if (address != null) {
            for (Block block : blocks) {
                if (block.contains(address)) {
                    return block.rack();
                }
            }
        }
        Instant now = clock.instant();
        Cached cached = cache.get(ip);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.rack();
        }
        String rack = registry.apply(ip).orElse(null);
        if (cache.size() > 100_000) {
            cache.clear();
        }
        cache.put(ip, new Cached(rack, now.plus(CACHE)));
        return rack;
    }

    private static List<Block> parse(Map<String, List<String>> racks) {
        List<Block> blocks = new ArrayList<>();
        racks.forEach((rack, cidrs) -> {
            for (String cidr : cidrs) {
                blocks.add(Block.parse(rack, cidr.trim()));
            }
        });
        // The most specific block wins when blocks overlap.
        blocks.sort((a, b) -> Integer.compare(b.bits(), a.bits()));
        return List.copyOf(blocks);
    }

    /** The address bytes of an IP literal, or null when it is not one (no DNS look-ups here). */
    static byte[] literal(String ip) {
        if (ip.isEmpty() || !(ip.indexOf(':') >= 0 || ip.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        }
        catch (UnknownHostException ex) {
            return null;
        }
    }

    private record Cached(String rack, Instant until) {
    }

    record Block(String rack, byte[] network, int bits) {

        static Block parse(String rack, String cidr) {
            String[] parts = cidr.split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("pushtrain.racks." + rack + ": " + cidr + " is not an address or CIDR block");
            }
            int bits;
            try {
                bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("pushtrain.racks." + rack + ": " + cidr + " has no valid prefix length");
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("pushtrain.racks." + rack + ": " + cidr + " has no valid prefix length");
            }
            return new Block(rack, network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
