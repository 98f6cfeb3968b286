/**
 * AssertJ assertions for users' tests: {@code RunwayAssertions.assertThat(schema).isValidIn(PRODUCTION, sources)}.
 * AssertJ is an optional dependency of runway-core: add {@code org.assertj:assertj-core} to your
 * test scope to use this package.
 */
@NullMarked
package dev.runway.assertj;

import org.jspecify.annotations.NullMarked;
