/** The monitoring load harness: 1,000 HTTP monitors at a 10 s interval against a local server. */
@NullMarked
package dev.runway.bench.monitor;

import org.jspecify.annotations.NullMarked;
