package io.pushtrain.server.web;

import org.springframework.web.method.HandlerMethod;

/** What a request body should look like, named in the refusal of one that is not JSON or not that shape. */
final class BodyExamples {

    private BodyExamples() {
    }

    static String of(HandlerMethod handler) {
        if (handler == null) {
            return null;
        }
        String controller = handler.getBeanType().getSimpleName();
        String method = handler.getMethod().getName();
        return switch (controller) {
            case "ReviewWebhook" -> "{\"source\": \"gerrit\", \"review\": \"12345\", \"commit\": \"<40 hex digits>\","
                    + " \"comments\": 3, \"reviewers\": 2, \"revisions\": 1}, with whole numbers for the counts";
            case "KarmaController" -> "{\"reason\": \"why, in words the person will read\"}";
            case "HostController" -> method.equals("register")
                    ? "{\"name\": \"web-1\", \"rack\": \"r1\", \"tier\": \"canary\", \"address\": \"10.1.0.7\"}"
                    : "{\"version\": \"<artifact id>\", \"state\": \"RUNNING\", \"progress\": 100, \"detail\": null},"
                            + " state one of IDLE, DOWNLOADING, VERIFYING, RUNNING, FAILED";
            case "ArtifactController", "RolloutController" -> "{\"artifact\": \"<artifact id>\"}";
            case "PickController" -> method.equals("backport") ? "{\"commit\": \"<the backport's commit id>\"}" : null;
            default -> null;
        };
    }
}
