package dev.runway.security.internal;

import dev.runway.env.EncryptedLayerProvider;
import dev.runway.env.EnvSource;
import dev.runway.security.EnvCrypto;
import java.nio.file.Path;

/** Plugs {@link EnvCrypto#layer(Path)} into core's standard sources (found by ServiceLoader). */
public final class EncryptedLayers implements EncryptedLayerProvider {
  @Override
  public EnvSource layer(Path dir) {
    return EnvCrypto.layer(dir);
  }
}
