package io.pushtrain.server.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first look at an API request, before security and the controllers: a body over
 * {@code pushtrain.api.max-body} answers 413, a query parameter that is too long or not text
 * answers 400. A body without a Content-Length is counted as it is read.
 */
class RequestLimits extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLimits.class);

    private final long maxBody;

    RequestLimits(ApiProperties properties) {
        this.maxBody = properties.maxBody().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBody) {
            log.info("Refused {} {}: a body of {} bytes, over pushtrain.api.max-body ({} bytes)", request.getMethod(),
                    TextLimits.echo(request.getRequestURI()), request.getContentLengthLong(), maxBody);
            ProblemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE.value(), tooLarge(), request.getRequestURI());
            return;
        }
        String refusal = parameterRefusal(request);
        if (refusal != null) {
            ProblemWriter.write(response, HttpStatus.BAD_REQUEST.value(), refusal, request.getRequestURI());
            return;
        }
        chain.doFilter(new CountedBody(request, maxBody), response);
    }

    String tooLarge() {
        return "The body is larger than " + maxBody + " bytes, the most this server takes (pushtrain.api.max-body).";
    }

    private static String parameterRefusal(HttpServletRequest request) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = TextLimits.echo(parameter.getKey());
            for (String value : parameter.getValue()) {
                String refusal = TextLimits.refusal(name, value);
                if (refusal != null) {
                    return "The query parameter " + refusal + ".";
                }
            }
        }
        return null;
    }

    /** Thrown while reading a body without Content-Length that passes the limit. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long max) {
            super("The body is larger than " + max + " bytes, the most this server takes (pushtrain.api.max-body).");
        }
    }

    private static final class CountedBody extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream counted;

        CountedBody(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new Counting(super.getInputStream(), max);
            }
            return counted;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private long read;

        Counting(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            return b < 0 ? b : counted(1) == 1 ? b : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            return n < 0 ? n : counted(n);
        }

        private int counted(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new BodyTooLarge(max);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
