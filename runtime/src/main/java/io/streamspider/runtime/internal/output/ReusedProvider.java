package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.CacheProvider;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.fasterxml.jackson.databind.ser.SerializerFactory;

/**
 * Jackson's per-call serializer provider, kept for many items instead of made anew for each
 * (ObjectMapper.writeValue does that: a third of what a record costs beyond the writing itself).
 * What one call may leave behind, object ids and attributes, is cleared before each item; the
 * provider is replaced now and then so that serializers Jackson has built since are found
 * without a lock.
 */
final class ReusedProvider extends DefaultSerializerProvider {
  private static final long serialVersionUID = 1L;
  private static final int ITEMS_PER_PROVIDER = 1024;

  private final transient ObjectMapper mapper;
  private int uses;

  private ReusedProvider(ObjectMapper mapper) {
    super(mapper.getSerializerProvider(), mapper.getSerializationConfig(), mapper.getSerializerFactory());
    this.mapper = mapper;
  }

  static ReusedProvider of(ObjectMapper mapper) {
    return new ReusedProvider(mapper);
  }

  /** This provider ready for one more item, or a fresh one. */
  ReusedProvider next() {
    if (++uses > ITEMS_PER_PROVIDER) {
      return new ReusedProvider(mapper);
    }
    _seenObjectIds = null;
    _objectIdGenerators = null;
    _attributes = _config.getAttributes();
    return this;
  }

  @Override
  public DefaultSerializerProvider createInstance(SerializationConfig config, SerializerFactory factory) {
    throw new UnsupportedOperationException("a ReusedProvider is not a blueprint");
  }

  @Override
  public DefaultSerializerProvider withCaches(CacheProvider cacheProvider) {
    throw new UnsupportedOperationException("a ReusedProvider is not a blueprint");
  }
}
