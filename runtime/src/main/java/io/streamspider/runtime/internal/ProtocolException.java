package io.streamspider.runtime.internal;

import java.io.IOException;

/** A host line this runtime cannot read; the text says what is wrong with it. */
final class ProtocolException extends IOException {
  ProtocolException(String message) {
    super(message);
  }
}
