package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTests {

    @Test
    void readsTheServersDesiredBuild() {
        Map<String, Object> desired = Json.readObject("""
                {"artifactId":"b42","sha256":"ab12","size":123456789012,"fileName":"app.tar.gz",
                 "torrent":"/api/artifacts/b42/torrent"}""");

        assertThat(desired).containsEntry("artifactId", "b42").containsEntry("size", 123456789012L)
                .containsEntry("torrent", "/api/artifacts/b42/torrent");
    }

    @Test
    void readsFieldsItDoesNotKnowWithoutFailing() {
        Map<String, Object> host = Json.readObject("""
                { "name" : "web-1", "progress": 12.5, "ok": true, "gone": null,
                  "labels": {"zone": "eu\\u00e9", "tags": ["a", "b\\"c"]}, "n": -3 }""");

        assertThat(host).containsEntry("name", "web-1").containsEntry("progress", 12.5)
                .containsEntry("ok", true).containsEntry("gone", null).containsEntry("n", -3L);
        assertThat(host.get("labels")).isEqualTo(Map.of("zone", "eué", "tags", List.of("a", "b\"c")));
    }

    @Test
    void writesAFlatObjectThatReadsBack() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", null);
        state.put("state", "FAILED");
        state.put("progress", 100);
        state.put("detail", "exited 3: \"health\" check\tfailed\n");

        String json = Json.write(state);

        assertThat(json).isEqualTo(
                "{\"version\":null,\"state\":\"FAILED\",\"progress\":100,\"detail\":\"exited 3: \\\"health\\\" check\\tfailed\\n\"}");
        assertThat(Json.readObject(json)).hasSize(4).containsEntry("version", null).containsEntry("state", "FAILED")
                .containsEntry("progress", 100L).containsEntry("detail", "exited 3: \"health\" check\tfailed\n");
    }

    @Test
    void refusesWhatIsNotOneObject() {
        assertThatThrownBy(() -> Json.readObject("[1,2]")).isInstanceOf(AgentException.class);
        assertThatThrownBy(() -> Json.readObject("{\"a\":1} trailing")).isInstanceOf(AgentException.class);
        assertThatThrownBy(() -> Json.readObject("<html>502 Bad Gateway</html>")).isInstanceOf(AgentException.class);
    }
}
