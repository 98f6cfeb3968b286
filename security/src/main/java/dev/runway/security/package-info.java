/**
 * Security: the secret {@link dev.runway.security.Audit audit} of an app's model and env files,
 * and {@link dev.runway.security.EnvCrypto encrypted env files} ({@code .env.<environment>.enc})
 * whose names stay readable while every value is encrypted with AES-256-GCM and the whole file is
 * authenticated.
 *
 * <pre>{@code
 * AuditReport report = Audit.of(app).dir(Path.of(".")).run();
 * if (report.hasErrors()) System.err.println(report.toText());
 *
 * EnvKey key = EnvKey.generate();
 * String text = EnvCrypto.encrypt(Map.of("OPENAI_API_KEY", "sk-..."), key);
 * Map<String, String> values = EnvCrypto.decrypt(text, Origin.of("inline"), key);
 * }</pre>
 */
@NullMarked
package dev.runway.security;

import dev.runway.base.Origin;
import org.jspecify.annotations.NullMarked;
