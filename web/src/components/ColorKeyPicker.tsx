// The health-code colour, set with ONE key while this box has the focus: G/1 green, Y/2 yellow, R/3 red.
import { forwardRef } from 'react';
import { Button, Space, Typography } from 'antd';
import { HEALTH_CODE_COLORS, type HealthCodeColor } from '../../../src/domain/enums';
import { useI18n } from '../i18n/I18nProvider';
import { COLOR_LABELS } from '../i18n/labels';

const KEYS: Record<string, HealthCodeColor> = { g: 'green', '1': 'green', y: 'yellow', '2': 'yellow', r: 'red', '3': 'red' };
const HINT: Record<HealthCodeColor, string> = { green: 'G/1', yellow: 'Y/2', red: 'R/3' };
const BACKGROUND: Record<HealthCodeColor, string> = { green: '#389e0d', yellow: '#d4b106', red: '#cf1322' };

export interface ColorKeyPickerProps {
  id?: string;
  value?: HealthCodeColor;
  onChange?: (color: HealthCodeColor) => void;
  /** Called after a key chose a colour (the desk then moves to the next field). */
  onPicked?: (color: HealthCodeColor) => void;
  invalid?: boolean;
}

export const ColorKeyPicker = forwardRef<HTMLDivElement, ColorKeyPickerProps>(function ColorKeyPicker(
  { id, value, onChange, onPicked, invalid },
  ref,
) {
  const { t, label } = useI18n();
  const pick = (color: HealthCodeColor) => {
    onChange?.(color);
    onPicked?.(color);
  };
  return (
    <div
      id={id}
      ref={ref}
      tabIndex={0}
      data-nav-stop
      role="radiogroup"
      aria-label={t('desk.color')}
      onKeyDown={(e) => {
        const color = KEYS[e.key.toLowerCase()];
        if (color && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          pick(color);
        }
      }}
      style={{
        padding: 6,
        borderRadius: 6,
        outlineOffset: 2,
        border: `1px solid ${invalid ? '#ff4d4f' : 'transparent'}`,
      }}
    >
      <Space wrap>
        {HEALTH_CODE_COLORS.map((c) => (
          <Button
            key={c}
            tabIndex={-1}
            role="radio"
            aria-checked={value === c}
            onClick={() => pick(c)}
            style={
              value === c
                ? { background: BACKGROUND[c], borderColor: BACKGROUND[c], color: '#fff', fontWeight: 600 }
                : { borderColor: BACKGROUND[c], color: BACKGROUND[c] }
            }
          >
            {label(COLOR_LABELS, c)} <Typography.Text code style={{ marginInlineStart: 4 }}>{HINT[c]}</Typography.Text>
          </Button>
        ))}
      </Space>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
        {t('desk.colorKeys')}
      </Typography.Text>
    </div>
  );
});
