package com.example.im;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ImCallbacks {

    private final Messages messages;

    public ImCallbacks(Messages messages) {
        this.messages = messages;
    }

    @PostMapping(path = "/tim/callback", produces = "application/json")
    public String otherCallback(@RequestParam("CallbackCommand") String command, @RequestBody String body) {
        messages.handle(command, body);
        return "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";
    }
}
