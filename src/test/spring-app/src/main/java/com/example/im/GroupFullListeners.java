package com.example.im;

import io.github.timcallback.groupfull.GroupFullEvent;
import io.github.timcallback.groupfull.spring.GroupFullAnswered;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

@Component
public class GroupFullListeners {

    private final Members members;
    private final Audit audit;

    public GroupFullListeners(Members members, Audit audit) {
        this.members = members;
        this.audit = audit;
    }

    // On the request thread, before the answer: each listener runs once per accepted callback;
    // an exception here answers the callback with HTTP 500 (ErrorCode 50001).
    @EventListener
    public void onGroupFull(GroupFullEvent event) {
        members.pruneInactive(event.sdkAppId(), event.groupId());
    }

    // After the answer, on the receiver's own threads (not Spring's @Async executor): at most
    // tim.max-pending-async in flight, waited for at stop, and with a delivery store published
    // again after an exception or a crash.
    @EventListener
    public void later(GroupFullAnswered answered) {
        audit.record(answered.event());
    }
}
