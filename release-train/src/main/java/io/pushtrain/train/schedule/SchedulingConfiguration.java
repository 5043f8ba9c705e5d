package io.pushtrain.train.schedule;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The push engine's tick and the trunk fetch run on Spring's scheduler; cuts and pushes on Quartz. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {
}
