package io.pushtrain.server.demo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Demo mode: {@code pushtrain.demo} (on by default) and no real trunk remote configured. */
class DemoModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        return environment.getProperty("pushtrain.demo", Boolean.class, true)
                && !StringUtils.hasText(environment.getProperty("pushtrain.trunk.remote"));
    }
}
