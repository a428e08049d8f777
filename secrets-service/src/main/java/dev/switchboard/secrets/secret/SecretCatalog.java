package dev.switchboard.secrets.secret;

import dev.switchboard.contracts.api.ListPage;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Lists what a caller may see: every shared secret and only their own private ones. */
@Service
class SecretCatalog {

    private final MongoTemplate mongo;

    SecretCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    ListPage<SecretMetadata> visibleTo(String userId, int page, int limit) {
        Criteria visible = new Criteria().orOperator(
                Criteria.where("scope").is(SecretDocument.SHARED),
                Criteria.where("owner").is(userId));
        long total = mongo.count(new Query(visible), SecretDocument.class);
        Query pageQuery = new Query(visible).with(Sort.by("name", "scope"))
                .skip(ListPage.offset(page, limit)).limit(limit);
        return ListPage.of(mongo.find(pageQuery, SecretDocument.class).stream().map(SecretMetadata::of).toList(),
                page, limit, total);
    }
}
