import { boosted, findContext } from '../context';
import type { Candidate, Recogniser } from '../types';
import { isVehiclePlate } from '../validators';

// Vehicle plates (compliance.md §2.7, GA 36-2018): ordinary and new-energy plates, with or without the
// middle dot. A plate identifies its keeper; labels (车牌, 号牌 …) raise the score.

const CONTEXT = ['车牌', '号牌', '车辆', '牌照', '机动车', '驾驶'];
const PLATE =
  /(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・ ]?[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳][A-HJ-NP-Z0-9]?(?![A-Za-z0-9])/g;

export const vehiclePlateRecogniser: Recogniser = {
  name: 'vehicle_plate',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const m of doc.text.matchAll(PLATE)) {
      if (!isVehiclePlate(m[0])) continue;
      const end = m.index + m[0].length;
      const word = findContext(doc, m.index, end, CONTEXT);
      const score = word ? boosted(0.6) : 0.6;
      const reason = word ? `机动车号牌格式（上下文“${word}”）` : '机动车号牌格式';
      found.push({ type: 'vehicle_plate', start: m.index, end, text: m[0], score, reason });
    }
    return found;
  },
};
