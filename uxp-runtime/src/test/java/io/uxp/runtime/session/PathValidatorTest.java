package io.uxp.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.runtime.record.Frames;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rules of {@link PathValidator}, driven with a fake clock and a probe that records what it would send. */
class PathValidatorTest {

    private static final int RECORD = 42;
    private static final int RTO = 100;
    /** 3 x max(100, 200) ms. */
    private static final long TIMEOUT = 600;
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 2002);
    private static final InetSocketAddress C = new InetSocketAddress("127.0.0.1", 3003);

    private record Sent(int type, long data, InetSocketAddress to) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final ConnectionCounters counters = new ConnectionCounters();
    private final PathValidator v = new PathValidator((type, data, to) -> {
        sent.add(new Sent(type, data, to));
        return RECORD;
    }, new SplittableRandom(5), counters, () -> RTO, RECORD);

    private long challengesTo(InetSocketAddress a) {
        return sent.stream().filter(s -> s.type == Frames.PATH_CHALLENGE && s.to.equals(a)).count();
    }

    @Test
    void theNewestRecordFromANewAddressStartsAValidationWithOneChallengeThere() {
        v.fromOtherAddress(B, 1_000, true, 0);

        assertThat(v.candidate()).isEqualTo(B);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).type).isEqualTo(Frames.PATH_CHALLENGE);
        assertThat(sent.get(0).to).isEqualTo(B);
        assertThat(counters.pathValidationsStarted).isEqualTo(1);
    }

    @Test
    void anOlderRecordOrALateCopyFromANewAddressStartsNothing() {
        v.fromOtherAddress(B, 1_000, false, 0);

        assertThat(v.active()).isFalse();
        assertThat(sent).isEmpty();
        assertThat(counters.pathValidationsStarted).isZero();
        assertThat(v.nextTimerMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aResponseWithTheChallengeDataFromTheCandidateValidatesIt() {
        v.fromOtherAddress(B, 1_000, true, 0);
        long data = sent.get(0).data;

        assertThat(v.onResponse(data ^ 1, B)).as("other data").isNull();
        assertThat(v.onResponse(data, C)).as("the right data from another address").isNull();
        assertThat(v.active()).isTrue();
        assertThat(v.onResponse(data, B)).isEqualTo(B);

        assertThat(v.active()).isFalse();
        assertThat(counters.pathValidationsSucceeded).isEqualTo(1);
        assertThat(counters.pathValidationsFailed).isZero();
    }

    @Test
    void theChallengeIsRepeatedAtMostThreeTimesThenTheValidationFailsAtThreeRtos() {
        v.fromOtherAddress(B, 1_000, true, 0);
        for (long t = 0; t < TIMEOUT; t++) {
            if (v.nextTimerMillis() <= t) {
                v.onTimer(t);
            }
        }
        assertThat(challengesTo(B)).isEqualTo(PathValidator.MAX_CHALLENGES);
        assertThat(sent.stream().map(Sent::data).distinct()).as("fresh data in every challenge").hasSize(4);
        assertThat(v.active()).isTrue();
        assertThat(v.nextTimerMillis()).isEqualTo(TIMEOUT);

        v.onTimer(TIMEOUT);

        assertThat(v.active()).isFalse();
        assertThat(counters.pathValidationsFailed).isEqualTo(1);
        assertThat(v.onResponse(sent.get(0).data, B)).as("too late").isNull();
        assertThat(counters.pathValidationsSucceeded).isZero();
    }

    @Test
    void aResponseToAnEarlierChallengeStillCounts() {
        v.fromOtherAddress(B, 1_000, true, 0);
        v.onTimer(v.nextTimerMillis());
        assertThat(sent).hasSize(2);

        assertThat(v.onResponse(sent.get(0).data, B)).isEqualTo(B);
    }

    @Test
    void whatGoesToTheCandidateStaysWithinThreeTimesWhatCameFromIt() {
        // 30 bytes received: 90 of budget, room for two 42-byte records
        v.fromOtherAddress(B, 30, true, 0);
        v.answer(77, B);
        assertThat(sent).hasSize(2);
        v.answer(78, B);
        v.onTimer(v.nextTimerMillis());
        assertThat(sent).as("the third record would pass 3x").hasSize(2);
        assertThat(v.nextTimerMillis()).as("a held challenge does not spin the timer").isEqualTo(TIMEOUT);

        v.fromOtherAddress(B, 20, false, 200);

        assertThat(sent).as("50 bytes received allow a third record").hasSize(3);
        assertThat(sent.get(2).type).isEqualTo(Frames.PATH_CHALLENGE);
        assertThat((long) sent.size() * RECORD).isLessThanOrEqualTo(3L * 50);
    }

    @Test
    void aNewerRecordFromAThirdAddressReplacesTheCandidate() {
        v.fromOtherAddress(B, 1_000, true, 0);
        long forB = sent.get(0).data;
        v.fromOtherAddress(C, 1_000, false, 10);
        assertThat(v.candidate()).as("an older record from a third address changes nothing").isEqualTo(B);

        v.fromOtherAddress(C, 1_000, true, 20);

        assertThat(v.candidate()).isEqualTo(C);
        assertThat(challengesTo(C)).isEqualTo(1);
        assertThat(counters.pathValidationsFailed).isEqualTo(1);
        assertThat(v.onResponse(forB, B)).isNull();
    }

    @Test
    void aNewerRecordFromTheValidatedAddressAbandonsTheCandidate() {
        v.fromOtherAddress(B, 1_000, true, 0);
        v.fromValidatedAddress(false);
        assertThat(v.active()).as("a reordered record from the old address").isTrue();

        v.fromValidatedAddress(true);

        assertThat(v.active()).isFalse();
        assertThat(counters.pathValidationsFailed).isEqualTo(1);
    }

    @Test
    void aChallengeFromAnAddressThatIsNotTheCandidateIsNotAnswered() {
        v.answer(1, C);
        v.fromOtherAddress(B, 1_000, true, 0);
        v.answer(2, C);

        assertThat(sent).extracting(Sent::type).containsExactly(Frames.PATH_CHALLENGE);
    }
}
