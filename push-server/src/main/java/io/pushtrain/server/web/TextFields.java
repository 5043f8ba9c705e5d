package io.pushtrain.server.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Checks every text value of every JSON body as it is read, in one place: its length against
 * {@link TextLimits} and that it is text (no NUL, no unpaired surrogate), which PostgreSQL and
 * JGit would otherwise refuse with a 500 deep inside a request.
 */
@Configuration(proxyBeanMethods = false)
class TextFields {

    @Bean
    SimpleModule textFieldLimits() {
        return new SimpleModule("pushtrain-text-limits").addDeserializer(String.class, new CheckedString());
    }

    static final class CheckedString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = super.deserialize(p, ctxt);
            if (text != null) {
                String refusal = TextLimits.refusal(fieldOf(p), text);
                if (refusal != null) {
                    throw new TextRefused(refusal);
                }
            }
            return text;
        }

        /** The field a value is in; for a value in an array, the array's field. */
        private static String fieldOf(JsonParser p) {
            for (TokenStreamContext context = p.streamReadContext(); context != null; context = context.getParent()) {
                if (context.currentName() != null) {
                    return context.currentName();
                }
            }
            return null;
        }
    }
}
