package io.pushtrain.train.trunk;

import io.pushtrain.train.TrainProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TrunkConfiguration {

    @Bean(destroyMethod = "close")
    TrunkMirror trunkMirror(TrainProperties properties) {
        return TrunkMirror.open(properties);
    }

    @Bean
    PushRefs pushRefs(TrunkMirror trunk) {
        return new PushRefs(trunk);
    }
}
