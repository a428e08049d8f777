package dev.switchboard.executor.pagination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void findsTheNextLinkAmongOthersInAnyOfTheHeaders() {
        assertThat(LinkHeader.next(List.of("<https://a.example/x?page=1>; rel=\"prev\", "
                + "<https://a.example/x?page=3>; rel=\"next\", <https://a.example/x?page=9>; rel=\"last\"")))
                .contains("https://a.example/x?page=3");
        assertThat(LinkHeader.next(List.of("<https://a.example/x?page=1>; rel=\"first\"",
                "<https://a.example/x?page=2>; title=\"more, please\"; REL=\"Next\"")))
                .contains("https://a.example/x?page=2");
        assertThat(LinkHeader.next(List.of("</x?cursor=a,b>;rel=next"))).contains("/x?cursor=a,b");
        assertThat(LinkHeader.next(List.of("<https://a.example/x?page=2>; rel=\"prefetch next\"")))
                .contains("https://a.example/x?page=2");
    }

    @Test
    void noNextLinkMeansNoNextPage() {
        assertThat(LinkHeader.next(List.of())).isEmpty();
        assertThat(LinkHeader.next(List.of("<https://a.example/x?page=1>; rel=\"prev\""))).isEmpty();
        assertThat(LinkHeader.next(List.of("<https://a.example/next>; rel=\"nextish\""))).isEmpty();
        assertThat(LinkHeader.next(List.of("<https://a.example/x>; foorel=\"next\""))).isEmpty();
        assertThat(LinkHeader.next(List.of("garbage; rel=next"))).isEmpty();
    }
}
