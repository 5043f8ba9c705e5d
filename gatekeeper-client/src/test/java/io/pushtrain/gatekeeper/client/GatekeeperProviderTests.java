package io.pushtrain.gatekeeper.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenFeature provider through the standard API: values, variants, reasons and errors. */
class GatekeeperProviderTests {

    private final FakeGatekeeper gatekeeper = new FakeGatekeeper();
    private final OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    private Client client;

    @BeforeEach
    void setUp() {
        gatekeeper.put(new Flag("composer", null, "photos", true, Map.of("on", true, "off", false), "off",
                List.of(Rule.users("on", "techcrunch"), Rule.percentage(100, "on")), null));
        gatekeeper.put(new Flag("banner", null, null, true, Map.of("red", "red", "blue", "blue", "limit", 25), "red",
                List.of(Rule.attribute("country", "in", List.of("NZ"), "blue"), Rule.groups("limit", "ops")), null));
        gatekeeper.disable("checkout");
        api.setProviderAndWait("gatekeeper-test", new GatekeeperProvider(gatekeeper));
        client = api.getClient("gatekeeper-test");
    }

    @AfterEach
    void tearDown() {
        api.shutdown();
    }

    @Test
    void aMatchingUserRuleResolvesAsTargetingMatchWithTheVariant() {
        FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("composer", false, new MutableContext("techcrunch"));

        assertThat(details.getValue()).isTrue();
        assertThat(details.getVariant()).isEqualTo("on");
        assertThat(details.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
        assertThat(details.getFlagMetadata().getString("gatekeeperReason")).isEqualTo("rule 1: user techcrunch");
    }

    @Test
    void aRolloutResolvesAsSplitAndTheKillSwitchAsDisabled() {
        assertThat(client.getBooleanDetails("composer", false, new MutableContext("alice")).getReason())
            .isEqualTo(Reason.SPLIT.name());
        FlagEvaluationDetails<Boolean> off = client.getBooleanDetails("checkout", true, new MutableContext("alice"));
        assertThat(off.getValue()).isFalse();
        assertThat(off.getReason()).isEqualTo(Reason.DISABLED.name());
    }

    @Test
    void attributesComeFromTheContextAndStringAndIntegerVariantsResolve() {
        MutableContext inNz = new MutableContext("alice").add("country", "NZ");
        assertThat(client.getStringDetails("banner", "none", inNz).getValue()).isEqualTo("blue");
        assertThat(client.getStringDetails("banner", "none", new MutableContext("bob")).getReason())
            .isEqualTo(Reason.DEFAULT.name());
        MutableContext ops = new MutableContext("carol").add("groups", List.of(new dev.openfeature.sdk.Value("ops")));
        assertThat(client.getIntegerValue("banner", 0, ops)).isEqualTo(25);
    }

    @Test
    void anUnknownFlagAnswersTheCallersDefaultWithFlagNotFound() {
        FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("nope", true, new MutableContext("alice"));

        assertThat(details.getValue()).isTrue();
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        assertThat(details.getReason()).isEqualTo(Reason.ERROR.name());
    }

    @Test
    void aVariantOfTheWrongTypeAnswersTheDefaultWithTypeMismatch() {
        FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("banner", false, new MutableContext("alice"));

        assertThat(details.getValue()).isFalse();
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    }

    @Test
    void aChangeOfTheFlagsIsAnOpenFeatureConfigurationChangedEvent() throws InterruptedException {
        CountDownLatch changed = new CountDownLatch(1);
        client.on(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED, details -> changed.countDown());

        gatekeeper.enable("checkout");

        assertThat(changed.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(client.getBooleanValue("checkout", false, new MutableContext("alice"))).isTrue();
    }
}
