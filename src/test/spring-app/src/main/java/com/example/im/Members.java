package com.example.im;

import org.springframework.stereotype.Component;

/**
 * Stands for the application's own work before the answer: here it writes down what it was given
 * ({@link TestLog}), and fails for a group whose id contains "fail", as a database that refuses
 * the work would.
 */
@Component
public class Members {

    public void pruneInactive(String sdkAppId, String groupId) {
        if (groupId.contains("fail")) {
            throw new IllegalStateException("Could not prune the members of " + groupId);
        }
        TestLog.append("sync " + groupId + " " + sdkAppId);
    }
}
