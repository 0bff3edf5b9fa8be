package org.leadtocash;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LeadToCashApplication {
    public static void main(String[] args) {
        SpringApplication.run(LeadToCashApplication.class, args);
    }
}
