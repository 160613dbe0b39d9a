// The hand-off chain of one arrival: registered → received by subdistrict/unit → received by community/hotel.
import { Steps, Typography } from 'antd';
import { STAGES } from '../../../src/domain/enums';
import type { ArrivalView } from '../api/types';
import { formatTime } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import { STAGE_SHORT_LABELS } from '../i18n/labels';

export function StageSteps({ arrival }: { arrival: ArrivalView }) {
  const { t, label } = useI18n();
  const colon = t('common.colon');
  const timeline = arrival.timeline ?? [];
  const doneIndex = STAGES.indexOf(arrival.stage);
  // Who each later stage waits for: the route's first unit, then its second.
  const awaited = [null, arrival.route.first, arrival.route.second];
  return (
    <div data-testid="stage-steps">
    <Steps
      orientation="vertical"
      size="small"
      current={Math.min(doneIndex + 1, STAGES.length)}
      items={STAGES.map((stage, i) => {
        const entry = timeline.find((e) => e.stage === stage);
        const done = !!entry || i <= doneIndex;
        const next = i === doneIndex + 1;
        return {
          status: done ? 'finish' : next ? 'process' : 'wait',
          title: label(STAGE_SHORT_LABELS, stage),
          content: entry ? (
            <div>
              <div>
                {t('detail.unit')}{colon}{entry.unit?.name ?? arrival.entryPoint.name}
              </div>
              <div>
                {t('detail.by')}{colon}{entry.actorName}　{formatTime(entry.at)}
              </div>
            </div>
          ) : awaited[i] ? (
            <Typography.Text type={next && arrival.overdue ? 'danger' : 'secondary'}>
              {t('detail.pendingAt', { unit: awaited[i]!.name })}
            </Typography.Text>
          ) : null,
        };
      })}
    />
    </div>
  );
}
