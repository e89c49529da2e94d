package io.github.timcallback.groupfull;

import java.util.concurrent.CompletionStage;

/**
 * Whoever takes an accepted callback's event in the host application: its CDI observers
 * ({@link Observers}) or, in a Spring application, its Spring listeners ({@link SpringListeners}).
 * Which one is settled when the receiver starts, once.
 */
interface Recipients {

    /** Whether anything takes the event after the answer. */
    boolean anyAsync();

    /**
     * Hands the event to those that take it before the answer, on the request thread.
     *
     * @throws RuntimeException whatever one of them threw
     */
    void notifySync(GroupFullEvent event);

    /** Starts handing the event to those that take it after the answer; call only when {@link #anyAsync()}. */
    CompletionStage<GroupFullEvent> notifyAsync(GroupFullEvent event);

    /** Lets go of what the recipients hold (threads), once the receiver has stopped. */
    default void close() {
    }
}
