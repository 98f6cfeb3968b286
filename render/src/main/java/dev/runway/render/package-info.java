/**
 * Runway on Render: the {@link dev.runway.render.Render} entry point, the render.yaml blueprint
 * model ({@link dev.runway.render.RenderBlueprint}), the API client
 * ({@link dev.runway.render.RenderClient}) with deploys and rollbacks, runtime and plan knowledge,
 * and {@link dev.runway.render.RenderSandbox}, an in-process stand-in for Render's API.
 */
@NullMarked
package dev.runway.render;

import org.jspecify.annotations.NullMarked;
