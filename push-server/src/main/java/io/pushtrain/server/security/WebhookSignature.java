package io.pushtrain.server.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a review tool's {@code POST /api/reviews} by the HMAC-SHA256 of its raw body under
 * {@code pushtrain.reviews.webhook-secret}: {@code X-Pushtrain-Signature: sha256=<hex>}, or the
 * headers GitHub ({@code X-Hub-Signature-256}) and Gitea ({@code X-Gitea-Signature}) send. The
 * comparison takes constant time. A request without a signature goes on to the other sign-ins
 * (a release engineer may post a review); a wrong signature is refused here with 401.
 */
class WebhookSignature extends OncePerRequestFilter {

    static final String ROLE = "ROLE_REVIEW_WEBHOOK";
    static final String PRINCIPAL = "review-webhook";
    private static final List<String> HEADERS = List.of("X-Pushtrain-Signature", "X-Hub-Signature-256", "X-Gitea-Signature");
    private static final int MAX_BODY = 1 << 20;

    private final ReviewsProperties properties;
    private final ProblemResponses problems;

    WebhookSignature(ReviewsProperties properties, ProblemResponses problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/api/reviews".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String signature = HEADERS.stream().map(request::getHeader).filter(h -> h != null && !h.isBlank()).findFirst()
                .orElse(null);
        if (signature == null) {
            chain.doFilter(request, response);
            return;
        }
        if (properties.webhookSecret() == null) {
            problems.write(response, request, HttpStatus.UNAUTHORIZED, "This server takes no signed review webhooks:"
                    + " its operator sets pushtrain.reviews.webhook-secret first.");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            problems.write(response, request, HttpStatus.CONTENT_TOO_LARGE, "A review report is at most 1 MiB.");
            return;
        }
        if (!matches(signature, body)) {
            problems.write(response, request, HttpStatus.UNAUTHORIZED, "The webhook signature does not match the body:"
                    + " sign the raw body with HMAC-SHA256 under the shared secret and send X-Pushtrain-Signature: sha256=<hex>.");
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
                List.of(new SimpleGrantedAuthority(ROLE)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(new CachedBody(request, body), response);
    }

    private boolean matches(String signature, byte[] body) {
        String hex = signature.strip();
        if (hex.regionMatches(true, 0, "sha256=", 0, 7)) {
            hex = hex.substring(7);
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        }
        catch (IllegalArgumentException notHex) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), given);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The request with its body read once for the signature and served again to the controller. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                // The body is in memory already: all of it is available at once, then it is all read.
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        if (!isFinished()) {
                            listener.onDataAvailable();
                        }
                        listener.onAllDataRead();
                    }
                    catch (IOException ex) {
                        listener.onError(ex);
                    }
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
