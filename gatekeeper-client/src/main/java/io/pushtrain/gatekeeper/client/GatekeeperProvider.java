package io.pushtrain.gatekeeper.client;

import java.util.HashMap;
import java.util.Map;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;

/**
 * Gatekeeper behind the standard OpenFeature API: {@code OpenFeatureAPI.getInstance().setProvider(new
 * GatekeeperProvider(client))}. The targeting key is the user id; the other context fields are attributes.
 */
public final class GatekeeperProvider extends EventProvider {

    private final Gatekeeper gatekeeper;

    public GatekeeperProvider(Gatekeeper gatekeeper) {
        this.gatekeeper = gatekeeper;
        gatekeeper.onChange(() -> emitProviderConfigurationChanged(
                ProviderEventDetails.builder().message("Gatekeeper flags changed").build()));
    }

    @Override
    public Metadata getMetadata() {
        return () -> "gatekeeper";
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext context) {
        return resolve(key, defaultValue, context, value -> value instanceof Boolean b ? b : null);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext context) {
        return resolve(key, defaultValue, context, value -> value instanceof String s ? s : null);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext context) {
        return resolve(key, defaultValue, context,
                value -> value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : null);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext context) {
        return resolve(key, defaultValue, context, value -> value instanceof Number n ? n.doubleValue() : null);
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext context) {
        return resolve(key, defaultValue, context, value -> value == null ? null : Value.objectToValue(value));
    }

    private <T> ProviderEvaluation<T> resolve(String key, T defaultValue, EvaluationContext context,
            java.util.function.Function<Object, T> convert) {
        Evaluation evaluation = gatekeeper.evaluate(key, user(context));
        if (evaluation.variant() == null) {
            ErrorCode code = "unknown flag".equals(evaluation.reason()) ? ErrorCode.FLAG_NOT_FOUND : ErrorCode.GENERAL;
            return failed(defaultValue, code, "Gatekeeper: " + evaluation.reason() + " '" + key + "'");
        }
        T value = convert.apply(evaluation.value());
        if (value == null) {
            return failed(defaultValue, ErrorCode.TYPE_MISMATCH,
                    "Gatekeeper: flag '" + key + "' serves " + evaluation.value() + ", not the type asked for");
        }
        return ProviderEvaluation.<T>builder()
            .value(value)
            .variant(evaluation.variant())
            .reason(reason(evaluation).name())
            .flagMetadata(ImmutableMetadata.builder().addString("gatekeeperReason", evaluation.reason()).build())
            .build();
    }

    private static <T> ProviderEvaluation<T> failed(T defaultValue, ErrorCode code, String message) {
        return ProviderEvaluation.<T>builder().value(defaultValue).reason(Reason.ERROR.name()).errorCode(code)
            .errorMessage(message).build();
    }

    static Reason reason(Evaluation evaluation) {
        String reason = evaluation.reason();
        if (reason.equals("disabled")) {
            return Reason.DISABLED;
        }
        if (!evaluation.matchedRule()) {
            return Reason.DEFAULT;
        }
        // A rule that is only a percentage splits users; any other condition targets them.
        return reason.matches("rule \\d+: [0-9.]+% rollout") ? Reason.SPLIT : Reason.TARGETING_MATCH;
    }

    static FlagUser user(EvaluationContext context) {
        if (context == null) {
            return FlagUser.anonymous();
        }
        Map<String, Object> attributes = new HashMap<>(context.asObjectMap());
        attributes.remove(EvaluationContext.TARGETING_KEY);
        return new FlagUser(context.getTargetingKey(), attributes);
    }
}
