package io.streamspider.runtime.internal.output;

import java.nio.file.Path;

/** A feed file given with {@code -o FILE} (append) or {@code -O FILE} (overwrite). */
public record FeedTarget(Path path, boolean overwrite) {}
