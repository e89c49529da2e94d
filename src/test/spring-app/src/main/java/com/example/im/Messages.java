package com.example.im;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Stands for the application's handling of its other callbacks: here it writes down the command,
 * the raw query string and the body ({@link TestLog}), so that the tests see them as they arrived.
 */
@Component
public class Messages {

    public void handle(String command, String body) {
        String query = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest().getQueryString();
        TestLog.append("forwarded " + command + " " + query + " " + body);
    }
}
