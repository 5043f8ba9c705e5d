package io.pushtrain.server.web;

/** A text field that is too long or not text; answered 400 naming the field and its limit. */
class TextRefused extends RuntimeException {

    TextRefused(String reason) {
        super(reason);
    }
}
