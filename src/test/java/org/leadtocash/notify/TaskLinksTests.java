package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The links chat messages carry, built on the public base URL (a deployment setting). */
class TaskLinksTests {

    @Test
    void linksATaskTheReadersTaskOfAnActivityAndAnInstanceInCockpit() {
        TaskLinks links = new TaskLinks("https://crm.example.cn/", "/camunda");

        assertThat(links.task("a1b2")).extracting(Link::url)
                .containsExactly("https://crm.example.cn/camunda/app/tasklist/default/#/?task=a1b2");
        assertThat(links.openTask("pi 1", "Task_AcknowledgePolicy")).extracting(Link::url).containsExactly(
                "https://crm.example.cn/camunda/app/tasklist/default/#/?instance=pi+1&taskKey=Task_AcknowledgePolicy");
        assertThat(links.processInstance("pi-1")).extracting(Link::url)
                .containsExactly("https://crm.example.cn/camunda/app/cockpit/default/#/process-instance/pi-1/runtime");
    }

    @Test
    void followsTheWebappsApplicationPathAndABaseUnderAPath() {
        assertThat(new TaskLinks("https://example.cn/crm", "/webapps/").task("t")).extracting(Link::url)
                .containsExactly("https://example.cn/crm/webapps/app/tasklist/default/#/?task=t");
    }

    @Test
    void withoutABaseUrlMessagesCarryNoLinks() {
        TaskLinks links = new TaskLinks("  ", "/camunda");

        assertThat(links.configured()).isFalse();
        assertThat(links.task("t")).isEmpty();
        assertThat(links.openTask("pi", "Task_X")).isEmpty();
        assertThat(links.processInstance("pi")).isEmpty();
    }

    @Test
    void refusesABaseUrlThatIsNotAnAbsoluteHttpUrlNamingTheSetting() {
        for (String bad : new String[] {"crm.example.cn", "ftp://crm.example.cn", "https://crm.example.cn/?a=1",
                "https://crm.example.cn/#/x", "http//crm"}) {
            assertThatThrownBy(() -> new TaskLinks(bad, "/camunda")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("leadtocash.notify.public-base-url");
        }
    }
}
