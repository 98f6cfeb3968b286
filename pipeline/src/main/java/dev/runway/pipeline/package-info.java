/**
 * Deployment pipelines: one {@link dev.runway.pipeline.Pipeline} written in Java, run locally by
 * a {@link dev.runway.pipeline.LocalExecutor} (live progress, gates, approvals, automatic
 * rollback, notifications, a JSON run record) and exported to GitHub Actions by
 * {@link dev.runway.pipeline.GitHubActions} with its shape intact.
 *
 * <p>Platform modules plug their deploy steps in by implementing
 * {@link dev.runway.pipeline.DeployTarget}.
 */
@NullMarked
package dev.runway.pipeline;

import org.jspecify.annotations.NullMarked;
