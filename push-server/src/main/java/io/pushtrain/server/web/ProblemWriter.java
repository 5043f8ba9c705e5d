package io.pushtrain.server.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem detail where Spring MVC is not there to do it: in a servlet filter, the error
 * page, or Tomcat's own error report.
 */
final class ProblemWriter {

    private ProblemWriter() {
    }

    static void write(HttpServletResponse response, int status, String detail, String instance) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, detail, instance));
        response.flushBuffer();
    }

    static String json(int status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        return "{\"type\":\"about:blank\",\"title\":" + quote(known == null ? "Error" : known.getReasonPhrase())
                + ",\"status\":" + status + ",\"detail\":" + quote(detail)
                + (instance == null ? "" : ",\"instance\":" + quote(TextLimits.echo(instance))) + "}";
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            }
            else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            }
            else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
