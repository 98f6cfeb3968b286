/** The pipeline engine, shell runner, progress renderers and the GitHub Actions writer; not API. */
@NullMarked
package dev.runway.pipeline.internal;

import org.jspecify.annotations.NullMarked;
