// Sources and bases cited by the starter set (compliance.md §4.1–§4.3). Kept apart so every rule
// names them the same way.

export const BASIS = {
  veto: '国办秘函〔2019〕19号 政府网站与政务新媒体检查指标：单项否决项“严重表述错误”',
  accuracy: '《政府网站发展指引》（国办发〔2017〕47号）：内容权威、准确，杜绝内容差错',
  xinhua: '新华社《新闻信息报道中的禁用词和慎用词》',
  party: '《中国共产党章程》规范表述（《秘书工作》）',
  reform2018: '《国务院机构改革方案》（第十三届全国人民代表大会第一次会议 2018-03-17 批准）',
  constitution: '《中华人民共和国宪法》：国名与国家机构名称',
  divisions: 'GB/T 2260《中华人民共和国行政区划代码》：省级行政区名称',
  covid: '国家卫生健康委员会 2022 年第 7 号公告：新型冠状病毒肺炎更名为新型冠状病毒感染',
} as const;

export const SOURCE = {
  yyweixin: 'http://www.yyweixin.cn/a/n6D4QQLB87963591.html',
  hk01: 'https://zh.hk01.com/%E5%8D%B3%E6%97%B6%E4%B8%AD%E5%9B%BD/299865/',
  sina2019: 'https://news.sina.com.tw/article/20190608/31563256.html',
  cna: 'https://www.cna.com.tw/news/acn/201902280094.aspx',
  xinsuncity: 'http://www.xinsuncity.com/CYSH/255791.html',
  people2014: 'http://politics.people.com.cn/BIG5/n/2014/0903/c1001-25597274.html',
  yzblive: 'https://m.yzblive.com/news/gb/2019/03/01/886123.html',
  wangjing: 'http://qihuys69.com/company/production20.html',
  datagrand:
    'https://www.datagrand.com/blog/%e8%be%be%e8%a7%82%e6%99%ba%e8%83%bd%e5%85%ac%e6%96%87%e5%a4%84%e7%90%86%e7%b3%bb%e7%bb%9f%e5%8a%a9%e5%8a%9b%e5%85%9a%e6%94%bf%e6%9c%ba%e5%85%b3%e4%b8%a5%e6%8e%a7%e5%85%ac%e6%96%87%e8%b4%a8%e9%87%8f.html',
  xinhuaList: 'http://m.91jjgao.com/show-67-147225-0.html',
  partyWording: 'https://bjdxb.ncepu.edu.cn/llxx/wm/8228459e39fc49dcb794a84638310bf9.htm',
  bleskon: 'http://m.bleskon.com/sys-nd/354.html',
  reform2018: 'compliance.md §4.3（2018 年国务院机构改革；[unverified] 待核对政府公报原文）',
  covid: 'compliance.md §4.3（2022 年底更名；[unverified] 待核对公告原文）',
  divisions: 'GB/T 2260 / 民政部行政区划信息',
} as const;
