package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacemetering.MarketplaceMeteringClient;
import software.amazon.awssdk.services.marketplacemetering.model.BatchMeterUsageResponse;
import software.amazon.awssdk.services.marketplacemetering.model.InvalidProductCodeException;
import software.amazon.awssdk.services.marketplacemetering.model.InvalidUsageDimensionException;
import software.amazon.awssdk.services.marketplacemetering.model.ResolveCustomerResponse;
import software.amazon.awssdk.services.marketplacemetering.model.TimestampOutOfBoundsException;
import software.amazon.awssdk.services.marketplacemetering.model.UsageRecord;
import software.amazon.awssdk.services.marketplacemetering.model.UsageRecordResultStatus;

/** A seller meters a subscriber's usage with BatchMeterUsage, as AWS accepts, deduplicates and refuses it. */
class MeteringTest {

  private static final URI SANDBOX = SandboxFixture.server().endpoint();
  private final MarketplaceMeteringClient metering = Marketplace.metering(SANDBOX, SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET);

  private static UsageRecord usage(String customerAccount, String dimension, Instant time, int quantity) {
    return UsageRecord.builder().customerAWSAccountId(customerAccount).dimension(dimension).timestamp(time).quantity(quantity).build();
  }

  @Test
  void usageOfASubscriberIsRecordedOncePerHourAndDimension() {
    String buyer = SandboxFixture.openAccount("Metered buyer " + System.nanoTime(), "BUYER").accountId();
    Marketplace.Purchase purchase = Marketplace.subscribe("prod-sbxpublic0001", buyer, Map.of("Seats", 1));
    ResolveCustomerResponse customer = metering.resolveCustomer(r -> r.registrationToken(purchase.token()));
    Instant now = Instant.now().minusSeconds(60);
    String stranger = SandboxFixture.openAccount("Not subscribed " + System.nanoTime(), "BUYER").accountId();

    BatchMeterUsageResponse first = metering.batchMeterUsage(r -> r.productCode(customer.productCode()).usageRecords(
        usage(buyer, "ApiCalls", now, 100),
        UsageRecord.builder().customerIdentifier(customer.customerIdentifier()).dimension("ApiCalls")
            .timestamp(now.minus(Duration.ofHours(2))).quantity(7).build(),
        usage(stranger, "ApiCalls", now, 1)));
    assertThat(first.results()).extracting(r -> r.status()).containsExactly(
        UsageRecordResultStatus.SUCCESS, UsageRecordResultStatus.SUCCESS, UsageRecordResultStatus.CUSTOMER_NOT_SUBSCRIBED);
    assertThat(first.results().get(0).usageRecord().timestamp()).isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(first.unprocessedRecords()).isEmpty();

    BatchMeterUsageResponse again = metering.batchMeterUsage(r -> r.productCode(customer.productCode()).usageRecords(
        usage(buyer, "ApiCalls", now, 100), usage(buyer, "ApiCalls", now, 101)));
    assertThat(again.results()).extracting(r -> r.status())
        .containsExactly(UsageRecordResultStatus.SUCCESS, UsageRecordResultStatus.DUPLICATE_RECORD);
    assertThat(again.results().get(0).meteringRecordId()).isEqualTo(first.results().get(0).meteringRecordId());

    assertThatThrownBy(() -> metering.batchMeterUsage(r -> r.productCode(customer.productCode())
        .usageRecords(usage(buyer, "ApiCalls", now.minus(Duration.ofHours(7)), 1))))
        .isInstanceOf(TimestampOutOfBoundsException.class);
    assertThatThrownBy(() -> metering.batchMeterUsage(r -> r.productCode(customer.productCode())
        .usageRecords(usage(buyer, "Seats", now, 1))))
        .isInstanceOf(InvalidUsageDimensionException.class);
    assertThatThrownBy(() -> metering.batchMeterUsage(r -> r.productCode("nosuchproductcode").usageRecords(List.of())))
        .isInstanceOf(InvalidProductCodeException.class);
  }
}
