package io.pushtrain.train.push;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PushProbeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PushProbe pushProbe() {
        return PushProbe.NONE;
    }
}
