/** Webhook payload formats and the HTTP sender; not API. */
@NullMarked
package dev.runway.notify.internal;

import org.jspecify.annotations.NullMarked;
