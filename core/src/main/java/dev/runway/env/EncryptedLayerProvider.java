package dev.runway.env;

import java.nio.file.Path;

/**
 * The layer {@code .env.<environment>.enc} of {@link EnvSources#files(Path)}: an extension point,
 * found with {@link java.util.ServiceLoader}, that runway-security provides. Core reads plain dotenv
 * files only; an encrypted file is decrypted by the module that owns the keys.
 *
 * <p>Without a provider on the class path, a present {@code .env.<environment>.enc} is an error that
 * names the artifact to add, never a file silently skipped.
 */
public interface EncryptedLayerProvider {
  /** The decrypted layer for the files in {@code dir}; absent files contribute nothing. */
  EnvSource layer(Path dir);
}
