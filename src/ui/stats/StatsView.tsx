// The statistics, rendered from computed figures (no storage here, so the bench can time it alone).
import type { CollectionStats } from '../../core/stats/collectionStats.ts';
import { BarChart, type BarSeries } from './charts/BarChart.tsx';
import { Heatmap } from './charts/Heatmap.tsx';
import { Histogram } from './charts/Histogram.tsx';
import { ProportionBar } from './charts/ProportionBar.tsx';
import { ChartSection } from './ChartSection.tsx';
import { barDays, count, dateLong, dateShort, dateWithYear, days, duration, groupReviewDays, percent, plural } from './lib.ts';

const RATINGS: BarSeries[] = [
  { key: 'again', name: 'Again', color: 'var(--again)' },
  { key: 'hard', name: 'Hard', color: 'var(--hard)' },
  { key: 'good', name: 'Good', color: 'var(--good)' },
  { key: 'easy', name: 'Easy', color: 'var(--easy)' },
];

const FORECAST: BarSeries[] = [
  { key: 'learning', name: 'Learning', color: 'var(--learn)' },
  { key: 'review', name: 'Review', color: 'var(--due)' },
];

export function StatsView({ stats }: { stats: CollectionStats }) {
  const { reviews, calendar, retention, forecast, cards, stability, difficulty, periodDays } = stats;
  const today = reviews.days.at(-1)!;
  const step = barDays(periodDays);
  const bars = groupReviewDays(reviews.days, step);
  const barLabel = (b: (typeof bars)[number]) =>
    step === 1 ? dateLong(b.date) : `${dateShort(b.date)} – ${dateShort(b.until)}`;
  const period = `the last ${periodDays} days`;
  const firstLabel = step === 1 ? dateShort(bars[0]!.date) : dateWithYear(bars[0]!.date);
  const avgTime = reviews.total.durationMs / periodDays;
  const studiedAvg = reviews.daysStudied ? reviews.total.total / reviews.daysStudied : 0;
  const todayCorrect = today.total ? (today.total - today.again) / today.total : null;
  const dueToday = forecast.days[0]!;
  const dueTomorrow = forecast.days[1]?.total ?? 0;

  return (
    <div className="stats-grid">
      <ChartSection
        id="today"
        title="Today"
        summary={
          today.total === 0
            ? 'No cards studied yet today.'
            : `Studied ${plural(today.total, 'card')} in ${duration(today.durationMs)} today` +
              `${today.newCards ? `, ${count(today.newCards)} of them new` : ''}; ` +
              `${percent(todayCorrect, 0)} answered correctly.`
        }
        table={{
          caption: 'Answers today',
          head: ['Today', 'Reviews', 'Again', 'Hard', 'Good', 'Easy', 'New', 'Time'],
          rows: [[dateLong(today.date), today.total, today.again, today.hard, today.good, today.easy, today.newCards, duration(today.durationMs)]],
        }}
      />

      <ChartSection
        id="reviews"
        title="Reviews"
        summary={
          `${plural(reviews.total.total, 'review')} in ${period}, ${duration(avgTime)} a day on average; ` +
          `studied on ${count(reviews.daysStudied)} of ${count(periodDays)} days` +
          (reviews.daysStudied ? ` (${Math.round(studiedAvg)} reviews a day on those days).` : '.')
        }
        table={{
          caption: `Reviews per ${step === 1 ? 'day' : 'week'} in ${period}, by answer`,
          head: [step === 1 ? 'Day' : 'Week', 'Reviews', 'Again', 'Hard', 'Good', 'Easy', 'New', 'Time'],
          rows: bars
            .filter((b) => b.total > 0)
            .reverse()
            .map((b) => [barLabel(b), b.total, b.again, b.hard, b.good, b.easy, b.newCards, duration(b.durationMs)]),
        }}
      >
        <BarChart
          series={RATINGS}
          data={bars.map((b) => ({ label: barLabel(b), values: [b.again, b.hard, b.good, b.easy] }))}
          startLabel={firstLabel}
          endLabel="Today"
          format={(n) => count(Math.round(n))}
        />
        <h4 className="chart-subtitle">Time spent ({step === 1 ? 'minutes a day' : 'minutes a week'})</h4>
        <BarChart
          series={[{ key: 'time', name: 'Minutes', color: 'var(--accent)' }]}
          data={bars.map((b) => ({ label: barLabel(b), values: [b.durationMs / 60_000] }))}
          startLabel={firstLabel}
          endLabel="Today"
          height={80}
          format={(n) => count(Math.round(n))}
        />
      </ChartSection>

      <ChartSection
        id="calendar"
        title="Study calendar"
        summary={
          `Current streak: ${plural(calendar.currentStreak, 'day')}` +
          `${calendar.currentStreak && today.total === 0 ? ' (study today to keep it)' : ''}. ` +
          `Studied on ${count(calendar.daysStudied)} of ${count(periodDays)} days; longest streak in ${period}: ${plural(calendar.longestStreak, 'day')}.`
        }
        table={{
          caption: `Reviews on each day studied in ${period}`,
          head: ['Day', 'Reviews'],
          rows: calendar.days.filter((d) => d.count > 0).reverse().map((d) => [dateLong(d.date), d.count]),
        }}
      >
        <Heatmap days={calendar.days} />
      </ChartSection>

      <ChartSection
        id="retention"
        title="True retention"
        summary={
          retention.total.rate === null
            ? `No reviews of cards in review in the last 30 days yet. Desired retention: ${percent(retention.desiredRetention, 0)}.`
            : `${percent(retention.total.rate)} of reviews in the last 30 days were remembered ` +
              `(desired: ${percent(retention.desiredRetention, 0)}).`
        }
        table={{
          caption: 'True retention in the last 30 days: reviews of cards in review not answered Again',
          head: ['Cards', 'Retention', 'Passed', 'Failed'],
          rows: (
            [
              ['Young (interval under 21 days)', retention.young],
              ['Mature (21 days or more)', retention.mature],
              ['All', retention.total],
            ] as const
          ).map(([name, r]) => [name, percent(r.rate), r.passed, r.failed]),
        }}
      >
        <dl className="retention">
          {(
            [
              ['Young', retention.young.rate, retention.young.passed + retention.young.failed],
              ['Mature', retention.mature.rate, retention.mature.passed + retention.mature.failed],
              ['All', retention.total.rate, retention.total.passed + retention.total.failed],
            ] as const
          ).map(([name, rate, n]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <strong>{percent(rate)}</strong>
                <span className="muted"> of {plural(n, 'review')}</span>
                <RetentionMeter rate={rate} desired={retention.desiredRetention} />
              </dd>
            </div>
          ))}
        </dl>
      </ChartSection>

      <ChartSection
        id="forecast"
        title="Due forecast"
        summary={
          `${plural(forecast.total, 'card')} due in the next 30 days, ${Math.round(forecast.total / forecast.days.length)} a day on average; ` +
          `${count(dueToday.total)} today${forecast.overdue ? ` (${count(forecast.overdue)} overdue)` : ''}, ${count(dueTomorrow)} tomorrow.`
        }
        table={{
          caption: 'Cards due on each of the next 30 days',
          head: ['Day', 'Due', 'Learning', 'Review'],
          rows: forecast.days
            .map((d, i) => [i === 0 ? `Today (${dateShort(d.date)})` : dateLong(d.date), d.total, d.learning, d.review] as Array<string | number>)
            .filter((r) => (r[1] as number) > 0),
        }}
      >
        <BarChart
          series={FORECAST}
          data={forecast.days.map((d, i) => ({ label: i === 0 ? 'Today' : dateLong(d.date), values: [d.learning, d.review] }))}
          startLabel="Today"
          endLabel={dateShort(forecast.days.at(-1)!.date)}
          format={(n) => count(Math.round(n))}
        />
      </ChartSection>

      <ChartSection
        id="cards"
        title="Cards by state"
        summary={
          `${plural(cards.total, 'card')}: ${count(cards.new)} new, ${count(cards.learning)} learning, ` +
          `${count(cards.young)} young, ${count(cards.mature)} mature, ${count(cards.suspended)} suspended` +
          `${cards.buried ? ` (${count(cards.buried)} buried until a later day)` : ''}.`
        }
        table={{
          caption: 'Cards by state',
          head: ['State', 'Cards'],
          rows: [
            ['New', cards.new],
            ['Learning (incl. relearning)', cards.learning],
            ['Young (interval under 21 days)', cards.young],
            ['Mature (21 days or more)', cards.mature],
            ['Suspended', cards.suspended],
            ['Total', cards.total],
          ],
        }}
      >
        <ProportionBar
          parts={[
            { key: 'new', name: 'New', value: cards.new, color: 'var(--new)' },
            { key: 'learning', name: 'Learning', value: cards.learning, color: 'var(--learn)' },
            { key: 'young', name: 'Young', value: cards.young, color: 'var(--young)' },
            { key: 'mature', name: 'Mature', value: cards.mature, color: 'var(--mature)' },
            { key: 'suspended', name: 'Suspended', value: cards.suspended, color: 'var(--hard)' },
          ]}
        />
      </ChartSection>

      <ChartSection
        id="stability"
        title="Stability"
        summary={
          stability.count === 0
            ? 'No card studied yet. Stability is how long it takes for the chance of recalling a card to fall to 90%.'
            : `Median stability ${days(stability.median!)} across the ${plural(stability.count, 'card')} studied: ` +
              `the time it takes for the chance of recalling a card to fall to 90%.`
        }
        table={{
          caption: 'Cards by stability',
          head: ['Stability', 'Cards'],
          rows: stability.buckets.map((b) => [b.label, b.count]),
        }}
      >
        {stability.count > 0 && <Histogram rows={stability.buckets.map((b) => ({ label: b.label, value: b.count }))} color="var(--easy)" format={count} />}
      </ChartSection>

      <ChartSection
        id="difficulty"
        title="Difficulty"
        summary={
          difficulty.count === 0
            ? 'No card studied yet.'
            : `Average difficulty ${difficulty.mean!.toFixed(1)} on FSRS’s scale from 1 (easiest) to 10 (hardest).`
        }
        table={{
          caption: 'Cards by difficulty',
          head: ['Difficulty', 'Cards'],
          rows: difficulty.buckets.map((b) => [b.label, b.count]),
        }}
      >
        {difficulty.count > 0 && <Histogram rows={difficulty.buckets.map((b) => ({ label: b.label, value: b.count }))} color="var(--again)" format={count} />}
      </ChartSection>
    </div>
  );
}

function RetentionMeter({ rate, desired }: { rate: number | null; desired: number }) {
  // 50%–100% spread over the bar: the part where retention figures live.
  const x = (r: number) => Math.max(0, Math.min(100, ((r - 0.5) / 0.5) * 100));
  return (
    <svg className="meter" viewBox="0 0 100 8" preserveAspectRatio="none" width="100%" height="8" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="8" className="empty" />
      {rate !== null && <rect x="0" y="0" width={x(rate)} height="8" fill={rate >= desired ? 'var(--good)' : 'var(--hard)'} />}
      <line x1={x(desired)} x2={x(desired)} y1="0" y2="8" className="target" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

