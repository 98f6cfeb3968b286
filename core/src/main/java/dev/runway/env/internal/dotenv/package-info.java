/**
 * Runway's dotenv reader and writer behind {@link dev.runway.env.Dotenv}: not API, may change in
 * any release. Parsing follows compose-go (what Docker Compose reads); docs/dotenv.md lists every
 * deliberate difference.
 */
@NullMarked
package dev.runway.env.internal.dotenv;

import org.jspecify.annotations.NullMarked;
