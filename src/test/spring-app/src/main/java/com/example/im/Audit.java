package com.example.im;

import io.github.timcallback.groupfull.GroupFullEvent;
import org.springframework.stereotype.Component;

/** Stands for the application's own work after the answer: here it writes down what it was given ({@link TestLog}). */
@Component
public class Audit {

    public void record(GroupFullEvent event) {
        TestLog.append("async " + event.groupId() + " " + event.sdkAppId());
    }
}
