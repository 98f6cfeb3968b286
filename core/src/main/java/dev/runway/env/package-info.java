/**
 * Typed environments: {@link dev.runway.env.Var} handles, the {@link dev.runway.env.EnvSchema} that
 * declares them, layered {@link dev.runway.env.EnvSources}, validation that reports every problem at
 * once, and the loaded {@link dev.runway.env.Env}.
 *
 * <pre>{@code
 * static final Var<Integer> PORT = Var.port("PORT").defaultValue(10000);
 * static final Var<Secret> OPENAI_API_KEY = Var.secret("OPENAI_API_KEY")
 *     .format(KeyFormat.OPENAI).requiredIn(Environment.PRODUCTION);
 * static final EnvSchema SCHEMA = EnvSchema.of(PORT, OPENAI_API_KEY);
 *
 * Env env = SCHEMA.load(EnvSources.standard(Path.of(".")));   // throws ValidationFailed with every problem
 * int port = env.get(PORT);
 * }</pre>
 */
@NullMarked
package dev.runway.env;

import dev.runway.base.Secret;
import org.jspecify.annotations.NullMarked;
