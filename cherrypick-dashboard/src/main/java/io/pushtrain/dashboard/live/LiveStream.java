package io.pushtrain.dashboard.live;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The server-sent event stream that every dashboard page listens to. */
@RestController
class LiveStream {

    private final LiveUpdates updates;

    LiveStream(LiveUpdates updates) {
        this.updates = updates;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live() {
        return updates.open();
    }
}
