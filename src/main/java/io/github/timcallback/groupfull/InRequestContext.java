package io.github.timcallback.groupfull;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;

/**
 * Fires an event with a request context active, through CDI's standard
 * {@code @ActivateRequestContext}: the container begins one around the call when none is active
 * (the receiver's group-full callbacks in the WAR, see {@link WeldContexts}) and ends it before
 * the call returns, and leaves one that is already active alone (a host application's own, a
 * forwarded callback's). A bean of its own, so that the call goes through the container's
 * interceptor rather than through {@code this}.
 */
@Dependent
class InRequestContext {

    @ActivateRequestContext
    <T> void fire(Event<T> event, T payload) {
        event.fire(payload);
    }
}
