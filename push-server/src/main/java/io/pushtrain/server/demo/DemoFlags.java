package io.pushtrain.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.pushtrain.flags.FlagReach;
import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.Rule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's flags, one with a rule of every kind, and made-up users asked about at every start, so that the reach
 * of each rule has a sample to count on (the sample lives in memory, so it is asked again after a restart).
 */
@Component
@Order(20)
@Conditional(DemoModeCondition.class)
class DemoFlags implements ApplicationRunner {

    /** How many made-up users the demo asks about at start. */
    static final int USERS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(DemoFlags.class);
    private static final List<String> COUNTRIES = List.of("US", "US", "US", "US", "GB", "GB", "DE", "DE", "FR",
            "NZ", "AU", "AU", "JP", "BR", "IN");
    private static final List<String> APP_VERSIONS = List.of("2.12.3", "2.13.0", "2.13.1", "2.14.0", "2.14.1",
            "2.15.0-beta.1");

    private final Flags flags;

    DemoFlags(Flags flags) {
        this.flags = flags;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Flag flag : demoFlags()) {
            if (flags.list().stream().noneMatch(f -> f.name().equals(flag.name()))) {
                flags.put(flag.name(), flag, 0L, "demo", "a demo flag with a rule of every kind");
            }
        }
        List<FlagUser> users = users();
        for (Flag flag : demoFlags()) {
            flags.audience(flag.name(), users);
        }
        FlagReach composer = flags.reach("photo-composer");
        log.info("Demo flags: {} made-up users asked about, so /flags/photo-composer shows the reach of each rule"
                + " ({} of them get the default)", users.size(), composer.fallback().reached());
    }

    static List<Flag> demoFlags() {
        Map<String, Object> onOff = Map.of("on", true, "off", false);
        return List.of(
                new Flag("photo-composer", "new photo composer", "photos", true, onOff, "off", List.of(
                        Rule.users("on", "techcrunch", "demo-user-0007"),
                        Rule.groups("on", "employees"),
                        Rule.attribute("country", "in", List.of("NZ", "AU"), "on"),
                        Rule.percentage(20, "on")), null),
                new Flag("checkout-v2", "the new checkout", "payments", true, Map.of("v2", "v2", "v1", "v1"), "v1",
                        List.of(Rule.groups("v2", "beta"),
                                Rule.attribute("appVersion", "semver_lt", List.of("2.14.0"), "v1"),
                                Rule.attribute("country", "not_in", List.of("US", "GB"), "v1"),
                                Rule.percentage(50, "v2")), null),
                new Flag("banner-colour", "the colour of the sale banner", "growth", true,
                        Map.of("red", "red", "blue", "blue"), "red",
                        List.of(Rule.attribute("cartTotal", "gt", List.of(100), "blue")), null));
    }

    /** Made-up users, the same at every start: countries, app versions, carts, a few employees and beta testers. */
    static List<FlagUser> users() {
        Random random = new Random(19);
        List<FlagUser> users = new ArrayList<>(USERS);
        users.add(FlagUser.of("techcrunch").with("country", "US").with("appVersion", "2.14.1"));
        for (int i = 1; users.size() < USERS; i++) {
            List<String> groups = new ArrayList<>();
            if (random.nextInt(100) < 4) {
                groups.add("employees");
            }
            if (random.nextInt(100) < 8) {
                groups.add("beta");
            }
            users.add(new FlagUser(String.format("demo-user-%04d", i), Map.of(
                    "country", COUNTRIES.get(random.nextInt(COUNTRIES.size())),
                    "appVersion", APP_VERSIONS.get(random.nextInt(APP_VERSIONS.size())),
                    "cartTotal", random.nextInt(250),
                    "groups", groups)));
        }
        return users;
    }
}
