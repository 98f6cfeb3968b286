/**
 * The acme example app: its model ({@link dev.runway.examples.acme.Acme}, the same as
 * {@code runway.conf}), its pipelines ({@link dev.runway.examples.acme.AcmePipelines}) and the
 * {@link dev.runway.examples.acme.AcmePipelineProvider} that offers them to {@code runway pipeline}.
 */
@NullMarked
package dev.runway.examples.acme;

import org.jspecify.annotations.NullMarked;
