// Tibet's airports and railway stations, keyed to the city each serves.
import type { EntryPointKind } from '../../domain/enums';

export const TIBET_ENTRY_POINTS: { name: string; kind: EntryPointKind; cityCode: string }[] = [
  { name: '拉萨贡嘎国际机场', kind: 'airport', cityCode: '5401' },
  { name: '拉萨火车站', kind: 'railway_station', cityCode: '5401' },
  { name: '日喀则和平机场', kind: 'airport', cityCode: '5402' },
  { name: '日喀则火车站', kind: 'railway_station', cityCode: '5402' },
  { name: '林芝米林机场', kind: 'airport', cityCode: '5404' },
  { name: '林芝火车站', kind: 'railway_station', cityCode: '5404' },
  { name: '昌都邦达机场', kind: 'airport', cityCode: '5403' },
  { name: '阿里昆莎机场', kind: 'airport', cityCode: '5425' },
  { name: '那曲火车站', kind: 'railway_station', cityCode: '5406' },
];
