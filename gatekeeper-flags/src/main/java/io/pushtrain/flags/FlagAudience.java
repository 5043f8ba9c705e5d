package io.pushtrain.flags;

import java.util.List;

/**
 * "Who sees this?" answered for a list of users, against one version of a flag.
 *
 * @param flag the flag's name
 * @param version the version that answered
 * @param enabled the kill switch when it answered
 * @param answers one per user asked, in the order asked
 */
public record FlagAudience(String flag, Long version, boolean enabled, List<AudienceAnswer> answers) {

    public FlagAudience {
        answers = List.copyOf(answers);
    }
}
