/**
 * {@code runway init}: reads what a folder already has (render.yaml, vercel.json, a Next.js app,
 * compose files, env files) and drafts a runway.conf from it. {@link dev.runway.cli.init.Init} is the
 * entry; everything else is package-private.
 */
@NullMarked
package dev.runway.cli.init;

import org.jspecify.annotations.NullMarked;
