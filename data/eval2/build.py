#!/usr/bin/env python3
"""The second evaluation set (README.md here): its profiles and the broker's
reading of each, from which labels.json is written.

Every organisation is listed with the needs a broker reads in its texts:
(need, side), side o = offers it, r = asks for it, b = has it and wants to
exchange on it, p = a city or region facing it. Grades (README.md):
3  the same need from complementary sides (o-r, b with o/r/b, p-p, p with
   o/b), one side in China or Japan and the other in Europe;
2  the same need otherwise (same side across the border, or complementary
   on the same side of it);
1  the same field without a shared need, or a link named in LINKS.
Run: python3 data/eval2/build.py  (writes organisations.json, labels.json)
"""
import json
import os

ORGS = [
    # ---- 1. dairy, cheese and food safety ----
    ("cn-mengniu-ranch", "内蒙古草原乳业有限公司", "company", "CN", "zh",
     "公司在呼和浩特周边经营十二座现代化牧场，存栏奶牛三万头，主要生产液态奶和酸奶。",
     [("request", "奶酪生产工艺", "国内奶酪消费增长很快，我们希望向欧洲奶酪工坊学习硬质奶酪的制作、发酵剂选择和成熟库管理。"),
      ("request", "原料奶质量检测", "寻找能够快速检测原料奶中抗生素残留和体细胞数的设备与方法。")],
     [("cheese", "r"), ("foodtest", "r")]),
    ("cn-sh-foodlab", "上海市食品安全检测中心", "institute", "CN", "zh",
     "检测中心承担本市乳制品、肉类和进口食品的抽检工作，拥有质谱和快速检测实验室。",
     [("request", "快速检测方法联合研究", "希望与欧洲实验室合作开发乳制品和婴幼儿配方奶粉中污染物的快速筛查方法，并开展实验室间比对。")],
     [("foodtest", "b")]),
    ("jp-tokachi-cheese", "十勝チーズ工房", "sme", "JP", "ja",
     "北海道十勝の牧場の生乳を使い、カマンベールやハードタイプのチーズを少量生産している小さな工房です。",
     [("request", "熟成技術の交流", "ヨーロッパの伝統的なチーズ職人と、長期熟成の温度・湿度管理や天然カビの扱いについて交流したいと考えています。")],
     [("cheese", "r")]),
    ("fr-fromagerie-jura", "Fromagerie des Hauts du Jura", "sme", "FR", "fr",
     "Fromagerie coopérative qui transforme le lait de quarante fermes en comté et en morbier, affinés dans nos caves pendant douze à trente mois.",
     [("offer", "Formation à la fabrication fromagère", "Nous accueillons des fromagers étrangers pour des stages d'affinage et de fabrication de fromages à pâte pressée cuite, et conseillons la conception de caves d'affinage.")],
     [("cheese", "o")]),
    ("it-consorzio-grana", "Consorzio Latterie Sociali della Bassa", "association", "IT", "it",
     "Consorzio di caseifici cooperativi della pianura padana che producono formaggi stagionati a denominazione d'origine.",
     [("offer", "Disciplinari e controllo qualità del latte", "Mettiamo a disposizione la nostra esperienza nella tutela delle denominazioni, nei controlli del latte crudo e nella tracciabilità delle forme stagionate.")],
     [("cheese", "o"), ("foodtest", "o")]),
    ("de-allgaeu-kaeserei", "Allgäuer Käsereitechnik GmbH", "company", "DE", "de",
     "Wir bauen Käsereianlagen, Käsefertiger und Reifungskeller für Molkereien und Hofkäsereien und liefern eigene Starterkulturen.",
     [("offer", "Anlagen für Hartkäse", "Schlüsselfertige Käsereien für Schnitt- und Hartkäse, inklusive Schulung des Personals in der Käseherstellung.")],
     [("cheese", "o")]),
    ("ie-dairy-research", "Moorepark Dairy Research Centre", "institute", "IE", "en",
     "A public research centre working on milk quality, dairy processing and the fermentation of cheeses and yoghurts.",
     [("offer", "Milk quality and starter cultures", "We run projects with processors abroad on somatic cell counts, antibiotic residue testing in raw milk and the selection of starter cultures for cheddar and other cheeses.")],
     [("foodtest", "o"), ("cheese", "o")]),
    ("es-lab-seguridad-alim", "Laboratorio Agroalimentario de Lugo", "institute", "ES", "es",
     "Laboratorio acreditado de análisis de leche y productos lácteos para las explotaciones ganaderas de Galicia.",
     [("offer", "Análisis de residuos en leche", "Ofrecemos métodos validados para detectar residuos de antibióticos y aflatoxinas en la leche cruda, y formación de técnicos de laboratorio.")],
     [("foodtest", "o")]),

    # ---- 2. irrigation and drought ----
    ("cn-xj-cotton", "新疆生产建设兵团第八师农业农村局", "agency", "CN", "zh",
     "第八师位于石河子垦区，棉花种植面积四百多万亩，降水稀少，农业完全依赖灌溉，部分耕地土壤盐碱化严重。",
     [("request", "节水灌溉与盐碱地改良", "希望引进欧洲的精准灌溉控制系统、土壤墒情监测技术，以及治理土壤盐渍化的经验。")],
     [("irrigation", "r"), ("salinity", "r")]),
    ("cn-dingxi-city", "定西市人民政府", "city", "CN", "zh",
     "定西地处黄土高原，十年九旱，人均水资源量不足全国的十分之一，正在建设集雨工程和再生水利用设施。",
     [("request", "干旱城市的水资源管理", "愿与同样面临干旱缺水的欧洲城市和地区交流雨水收集、再生水回用于农业灌溉的做法。")],
     [("drought", "p")]),
    ("cn-dripline-co", "甘肃大禹节水集团", "company", "CN", "zh",
     "公司生产滴灌带、滴灌管和水肥一体化设备，产品已销往中亚和非洲。",
     [("offer", "滴灌设备出口", "寻找南欧的经销商和农场合作伙伴，推广我们的滴灌带和水肥一体化系统。")],
     [("irrigation", "o")]),
    ("es-regantes-murcia", "Comunidad de Regantes del Campo de Cartagena", "association", "ES", "es",
     "Agrupamos a más de nueve mil agricultores que riegan sus cultivos hortícolas con agua del trasvase y agua desalada, casi todo por goteo.",
     [("offer", "Gestión colectiva del riego", "Compartimos nuestra experiencia en la gestión del riego por goteo a gran escala y en el uso de aguas regeneradas y desaladas en la agricultura.")],
     [("irrigation", "b"), ("drought", "b")]),
    ("pt-alentejo-ccdr", "Comissão de Coordenação do Alentejo", "region", "PT", "pt",
     "O Alentejo enfrenta secas cada vez mais frequentes; a barragem de Alqueva abastece o regadio de olival e vinha em toda a região.",
     [("request", "Adaptação à seca", "Procuramos regiões parceiras para trocar experiências sobre a escassez de água, a reutilização de águas residuais tratadas e a rega eficiente.")],
     [("drought", "p"), ("irrigation", "r")]),
    ("it-sensori-terra", "TerraSense S.r.l.", "sme", "IT", "it",
     "Progettiamo sonde per l'umidità del suolo e centraline che regolano automaticamente l'irrigazione a goccia in base ai dati meteo.",
     [("offer", "Irrigazione di precisione", "Cerchiamo distributori e grandi aziende agricole all'estero per i nostri sensori e il software di gestione irrigua.")],
     [("irrigation", "o")]),
    ("de-agrartechnik-inst", "Institut für Agrartechnik und Bodenkunde", "institute", "DE", "de",
     "Das Institut forscht zur Bewässerungssteuerung in Trockengebieten und zur Sanierung versalzter Böden.",
     [("offer", "Forschung zu Bodenversalzung", "Wir bieten gemeinsame Feldversuche zur Entsalzung von Ackerböden und zur Steuerung der Tropfbewässerung an.")],
     [("salinity", "o"), ("irrigation", "o")]),
    ("jp-kagawa-pref", "香川県 土地改良課", "region", "JP", "ja",
     "香川県は雨が少なく、古くから一万以上のため池で農業用水を確保してきました。近年も渇水がたびたび発生しています。",
     [("request", "渇水対策の国際交流", "同じように水不足に悩む海外の地域と、ため池の保全や節水型農業について意見交換を行いたいです。")],
     [("drought", "p")]),

    # ---- 3. elderly care ----
    ("cn-hz-civil-affairs", "杭州市民政局", "city", "CN", "zh",
     "杭州市六十岁以上老年人口已超过两百万，大多数老人选择居家养老。",
     [("request", "智慧居家养老", "寻求跌倒检测、远程看护和紧急呼叫方面的技术与服务，并希望学习欧洲城市的社区照护模式。"),
      ("request", "失智老人照护培训", "为社区护理员引进阿尔茨海默病等认知障碍照护的培训课程。")],
     [("monitoring", "r"), ("dementia", "r"), ("agecity", "p")]),
    ("cn-yikang-care", "颐康养老服务集团", "company", "CN", "zh",
     "集团在华东地区运营四十家养老院和护理中心，共有八千张床位。",
     [("request", "护理人员培训合作", "希望与欧洲的护理学校合作，培养专业护理员，特别是失智症照护和康复护理方面的人才。")],
     [("dementia", "r"), ("caretraining", "r")]),
    ("cn-fourier-rehab", "上海傅利叶智能科技", "company", "CN", "zh",
     "公司研发上下肢康复机器人和可穿戴外骨骼，产品已进入国内三百多家医院。",
     [("offer", "康复机器人临床合作", "寻找欧洲康复医院和研究机构开展临床试验，并帮助产品进入欧洲市场。")],
     [("rehab", "o")]),
    ("jp-mimamori-tech", "株式会社みまもりテック", "sme", "JP", "ja",
     "介護施設や一人暮らしの高齢者向けに、ベッドセンサーや見守りカメラを開発しています。",
     [("offer", "見守りシステムの海外展開", "転倒や徘徊を早期に知らせる見守りシステムを、中国や欧州の介護事業者に提供したいと考えています。")],
     [("monitoring", "o")]),
    ("fi-kotiturva", "Kotiturva Oy", "sme", "FI", "fi",
     "Kehitämme ikääntyneiden kotona asumista tukevia ratkaisuja: turvarannekkeita, kaatumisten automaattista tunnistusta ja etähoivaa.",
     [("offer", "Etähoiva ja kaatumishälytykset", "Etsimme kumppaneita Aasiasta, joissa kotihoidon palveluntuottajat haluavat ottaa käyttöön etävalvonnan.")],
     [("monitoring", "o")]),
    ("de-pflegeakademie", "Akademie für Pflegeberufe Rhein-Ruhr", "institute", "DE", "de",
     "Die Akademie bildet jährlich sechshundert Pflegefachfrauen und Pflegefachmänner aus und bietet Weiterbildungen in der Betreuung von Menschen mit Demenz.",
     [("offer", "Ausbildungsprogramme für Pflegekräfte", "Wir entwickeln mit ausländischen Partnern Lehrpläne für die Altenpflege und schulen Ausbilderinnen und Ausbilder vor Ort.")],
     [("caretraining", "o"), ("dementia", "o")]),
    ("fr-federation-ehpad", "Fédération des maisons de retraite d'Occitanie", "association", "FR", "fr",
     "Nous fédérons cent vingt établissements pour personnes âgées dépendantes, dont beaucoup disposent d'unités spécialisées pour la maladie d'Alzheimer.",
     [("offer", "Accompagnement des personnes atteintes de troubles cognitifs", "Nos équipes partagent leurs pratiques d'accompagnement non médicamenteux et accueillent des soignants étrangers en stage.")],
     [("dementia", "o")]),
    ("it-ist-riabilitazione", "Istituto di Riabilitazione Motoria di Bergamo", "institute", "IT", "it",
     "Ospedale di riabilitazione specializzato nel recupero dopo ictus e lesioni midollari.",
     [("request", "Sperimentazione di dispositivi robotici", "Cerchiamo produttori di robot per la riabilitazione e di esoscheletri con cui condurre studi clinici sui nostri pazienti.")],
     [("rehab", "r")]),
    ("gb-leeds-age", "Leeds Healthy Ageing Partnership", "city", "GB", "en",
     "The city council and its health partners support an ageing population, with a growing number of older people living alone at home.",
     [("request", "Ageing in place", "We want to exchange with cities abroad on home care, remote monitoring of older residents and dementia-friendly neighbourhoods.")],
     [("agecity", "p"), ("monitoring", "r"), ("dementia", "r")]),

    # ---- 4. textiles ----
    ("cn-keqiao-dyeing", "绍兴柯桥印染产业园", "park", "CN", "zh",
     "园区集聚一百多家印染企业，年加工布料一百五十亿米，用水量和废水排放是最大的环保压力。",
     [("request", "少水染色与废水处理", "希望引进欧洲的低浴比染色、无水染色设备以及印染废水深度处理技术。")],
     [("dyeing", "r")]),
    ("cn-ningbo-rpet", "宁波再生纤维科技有限公司", "company", "CN", "zh",
     "公司每年回收二十亿个塑料瓶，加工成再生涤纶短纤和长丝。",
     [("offer", "再生涤纶面料", "为欧洲服装品牌提供通过认证的再生涤纶纱线和面料，也希望合作开发旧衣物化学回收。")],
     [("textilerecycling", "o"), ("fabrics", "o")]),
    ("cn-suzhou-silk", "苏州锦绣丝绸有限公司", "company", "CN", "zh",
     "百年丝绸企业，从缫丝、织造到印花一条龙生产真丝面料和宋锦。",
     [("offer", "真丝面料合作", "寻找欧洲的时装设计师和奢侈品品牌，共同开发高端丝绸面料。")],
     [("fabrics", "o")]),
    ("jp-tokushima-ai", "阿波藍工房", "sme", "JP", "ja",
     "徳島県で江戸時代から続く藍染めの工房です。化学薬品を使わない天然発酵建てで染めています。",
     [("offer", "天然染料と伝統技法", "天然藍の染料と染色技法を、海外のデザイナーやファッションブランドに紹介したいと考えています。")],
     [("dyeing", "b"), ("fabrics", "o")]),
    ("it-lanificio-prato", "Lanificio Bisenzio", "company", "IT", "it",
     "A Prato da tre generazioni trasformiamo maglioni usati e ritagli in lana rigenerata di qualità per l'abbigliamento.",
     [("request", "Approvvigionamento di abiti usati", "Cerchiamo partner in Asia per la raccolta e la selezione di indumenti di lana post-consumo da rigenerare.")],
     [("textilerecycling", "b")]),
    ("pt-citeve", "Centro Tecnológico Têxtil do Minho", "institute", "PT", "pt",
     "Apoiamos as empresas têxteis e de vestuário do norte de Portugal em inovação, ensaios e sustentabilidade.",
     [("offer", "Tinturaria com baixo consumo de água", "Transferimos processos de tingimento com menos água e químicos e tecnologias de tratamento de efluentes da indústria têxtil.")],
     [("dyeing", "o")]),
    ("de-faserkreis", "Faserkreis Recycling GmbH", "sme", "DE", "de",
     "Wir sortieren Alttextilien automatisch nach Fasern und Farben und entwickeln Verfahren für das Faser-zu-Faser-Recycling.",
     [("request", "Partner für Textilrecycling", "Gesucht werden Hersteller, die aus sortierten Alttextilien neue Garne spinnen oder Polyester chemisch recyceln.")],
     [("textilerecycling", "r")]),
    ("fr-atelier-mode", "Maison Céleste", "sme", "FR", "fr",
     "Jeune maison de prêt-à-porter parisienne engagée dans une mode éco-responsable.",
     [("request", "Fournisseurs de tissus durables", "Nous cherchons des fabricants de soie, de fibres recyclées et de teintures naturelles pour nos prochaines collections.")],
     [("fabrics", "r"), ("dyeing", "r")]),

    # ---- 5. tourism ----
    ("cn-yangshuo-tourism", "阳朔县文化广电和旅游局", "city", "CN", "zh",
     "阳朔以山水风光闻名，每年接待游客两千万人次，乡村民宿发展迅速，但旺季景区过于拥挤。",
     [("request", "乡村旅游与游客分流", "希望学习欧洲乡村旅游和小镇民宿的经营经验，把游客引向周边村庄。")],
     [("ruraltourism", "p")]),
    ("cn-ningxia-wine", "宁夏贺兰山东麓葡萄酒产业园区管委会", "park", "CN", "zh",
     "产区有两百多家酒庄，葡萄种植面积六十万亩，正在打造葡萄酒旅游目的地。",
     [("request", "酒庄旅游与酿酒技术", "寻求与欧洲著名葡萄酒产区合作，交流酒庄旅游线路设计、品鉴接待和酿酒工艺。")],
     [("winetourism", "p")]),
    ("jp-beppu-city", "別府市観光課", "city", "JP", "ja",
     "別府は湧出量日本一の温泉地で、年間八百万人の観光客が訪れます。",
     [("request", "温泉地どうしの交流", "ヨーロッパの温泉保養地と、湯治文化や健康づくりを生かした観光について交流を深めたいです。")],
     [("spa", "p")]),
    ("fr-route-vins-bordeaux", "Association des Routes des Vins de Bordeaux", "association", "FR", "fr",
     "Nous animons les routes des vins et l'accueil dans trois cents châteaux ouverts à la visite.",
     [("offer", "Savoir-faire en œnotourisme", "Nous partageons notre expérience de l'œnotourisme : circuits, dégustations, hébergement au domaine et formation des équipes d'accueil.")],
     [("winetourism", "b")]),
    ("it-borghi-autentici", "Associazione Borghi dell'Appennino", "association", "IT", "it",
     "Riuniamo piccoli comuni di montagna che hanno recuperato case abbandonate come albergo diffuso.",
     [("offer", "Il modello dell'albergo diffuso", "Offriamo consulenza a territori rurali che vogliono sviluppare un turismo lento e di comunità, senza costruire nuovi alberghi.")],
     [("ruraltourism", "b")]),
    ("de-kurstadt-baden", "Stadt Bad Wildungen, Kurverwaltung", "city", "DE", "de",
     "Die Kurstadt lebt seit Jahrhunderten von ihren Heilquellen, Thermalbädern und Kliniken.",
     [("request", "Partnerschaft mit anderen Kurorten", "Wir suchen Bäderstädte im Ausland für den Austausch über Kurtourismus, Gesundheitsangebote und den Erhalt historischer Badehäuser.")],
     [("spa", "p")]),
    ("pt-douro-turismo", "Turismo do Douro", "region", "PT", "pt",
     "A região vinhateira do Douro é património mundial e recebe cada vez mais visitantes nas suas quintas.",
     [("request", "Enoturismo e novos mercados", "Queremos atrair visitantes asiáticos e trocar experiências com outras regiões vitivinícolas sobre o enoturismo.")],
     [("winetourism", "p")]),
    ("es-casas-rurales", "Red de Casas Rurales del Pirineo", "sme", "ES", "es",
     "Gestionamos la reserva de ciento cincuenta casas rurales y actividades de naturaleza en los valles del Pirineo aragonés.",
     [("offer", "Plataforma de turismo rural", "Ofrecemos nuestra plataforma de reservas y nuestra experiencia en el turismo rural a otras zonas de montaña.")],
     [("ruraltourism", "o")]),
    ("fi-lapin-matkailu", "Lapin Elämysmatkat Oy", "company", "FI", "fi",
     "Järjestämme revontuliretkiä, porosafareita ja lasi-iglumajoituksia Rovaniemen ympäristössä.",
     [("request", "Aasialaiset matkanjärjestäjät", "Haemme yhteistyötä kiinalaisten ja japanilaisten matkatoimistojen kanssa talvimatkailun kasvattamiseksi.")],
     [("inbound", "r")]),

    # ---- 6. logistics ----
    ("cn-cq-rail-express", "重庆中欧班列运营有限公司", "company", "CN", "zh",
     "公司每周开行二十多列中欧班列，从重庆经新疆阿拉山口到达杜伊斯堡和波兰。",
     [("request", "回程货源与欧洲合作伙伴", "寻找欧洲的货代和港口运营商，增加回程班列货源，共同开发铁路集装箱联运。")],
     [("railfreight", "r")]),
    ("cn-coldlink", "中冷物流集团", "company", "CN", "zh",
     "集团在全国有六十座冷库，为生鲜电商和进口肉类、乳制品提供冷链运输。",
     [("request", "冷链温度监控", "需要能够全程记录和上传温度的传感器与数据平台，以及欧洲冷链管理经验。")],
     [("coldchain", "r")]),
    ("cn-yiwu-cbec", "义乌跨境电子商务综合试验区", "park", "CN", "zh",
     "园区有三万多家跨境电商卖家，主要销售小商品和家居用品。",
     [("request", "欧洲海外仓", "希望与欧洲的仓储物流企业合作建设海外仓，提供清关、仓储和末端配送服务。")],
     [("warehouse", "r")]),
    ("de-duisport-terminal", "Duisburger Containerterminal GmbH", "company", "DE", "de",
     "Unser trimodales Terminal am Rhein schlägt jede Woche Dutzende Containerzüge aus China um.",
     [("offer", "Umschlag und Weiterverteilung", "Wir bieten Umschlag, Zwischenlagerung und die Weiterverteilung per Lkw und Binnenschiff für Bahnverkehre zwischen China und Europa.")],
     [("railfreight", "o"), ("warehouse", "o")]),
    ("fi-kylmavahti", "Kylmävahti Oy", "sme", "FI", "fi",
     "Valmistamme langattomia lämpötila-antureita elintarvikkeiden ja lääkkeiden kylmäkuljetuksiin.",
     [("offer", "Kylmäketjun seuranta", "Anturimme ja pilvipalvelumme seuraavat kylmäketjua varastosta kauppaan; etsimme jakelijoita Kiinasta.")],
     [("coldchain", "o")]),
    ("es-valencia-almacenes", "Almacenes Logísticos del Turia", "company", "ES", "es",
     "Operador logístico con cien mil metros cuadrados de almacenes junto al puerto de Valencia.",
     [("offer", "Almacén para comercio electrónico", "Ofrecemos almacenaje, preparación de pedidos, devoluciones y despacho aduanero a vendedores online asiáticos que venden en Europa.")],
     [("warehouse", "o")]),
    ("it-spedizioni-milano", "Spedizioni Lombarde S.p.A.", "company", "IT", "it",
     "Casa di spedizioni con uffici doganali a Milano e Verona, attiva nel trasporto ferroviario intermodale.",
     [("offer", "Servizi doganali e ferroviari", "Organizziamo il trasporto ferroviario di container da e verso la Cina e curiamo le pratiche di sdoganamento.")],
     [("railfreight", "o")]),
    ("nl-coldstore-rotterdam", "Rotterdam Cool Logistics", "company", "NL", "en",
     "Temperature-controlled warehousing and transport of fruit, meat and dairy at the port of Rotterdam.",
     [("offer", "Cold chain to Asia", "We ship chilled and frozen food to China and look for importers and cold chain operators there.")],
     [("coldchain", "o")]),

    # ---- 7. education ----
    ("cn-tj-vocational", "天津机电职业技术学院", "university", "CN", "zh",
     "学院有一万二千名学生，开设机电一体化、工业机器人和数控技术等专业。",
     [("request", "双元制职业教育合作", "希望借鉴德国双元制模式，与欧洲职业学校和企业合作培养学徒，并开展师资培训。")],
     [("vocational", "r")]),
    ("cn-bnu-chinese", "北京语言文化学院国际中文教育中心", "university", "CN", "zh",
     "中心培养国际中文教师，每年组织海外青少年来华夏令营。",
     [("offer", "中文教学与夏令营", "可为欧洲中小学派遣中文教师，开发中文课程，并接待学生来华学习。")],
     [("language", "o")]),
    ("de-bbz-stuttgart", "Berufsbildungszentrum Neckar", "institute", "DE", "de",
     "Wir bilden in Kooperation mit Betrieben der Region Mechatroniker, Industriemechaniker und Elektroniker aus.",
     [("offer", "Duale Ausbildung im Ausland", "Wir beraten ausländische Berufsschulen beim Aufbau dualer Ausbildungsgänge und schulen deren Lehrkräfte und Ausbilder.")],
     [("vocational", "o")]),
    ("fr-univ-ingenieurs", "École d'ingénieurs de Lorraine", "university", "FR", "fr",
     "École publique formant deux mille élèves ingénieurs en mécanique, matériaux et génie industriel.",
     [("request", "Doubles diplômes", "Nous cherchons des universités partenaires en Chine et au Japon pour des doubles diplômes et des échanges d'étudiants et d'enseignants-chercheurs.")],
     [("uniexchange", "r")]),
    ("it-scuola-italiano", "Scuola di Lingua e Cultura Italiana di Firenze", "sme", "IT", "it",
     "Insegniamo l'italiano a studenti stranieri, molti dei quali si preparano a studiare arte e musica nelle accademie italiane.",
     [("offer", "Corsi per studenti cinesi", "Offriamo corsi intensivi di italiano e orientamento per studenti cinesi che vogliono iscriversi a conservatori e accademie di belle arti.")],
     [("language", "o")]),
    ("fi-opekoulutus", "Itä-Suomen yliopisto, opettajankoulutus", "university", "FI", "fi",
     "Kouluttamme luokanopettajia ja tutkimme suomalaista peruskoulua ja oppimista.",
     [("offer", "Opettajien täydennyskoulutus", "Tarjoamme kiinalaisille ja japanilaisille opettajille täydennyskoulutusta suomalaisesta opetuksesta ja ilmiöpohjaisesta oppimisesta.")],
     [("teachers", "o")]),
    ("jp-kobe-univ", "神戸国際大学 国際交流センター", "university", "JP", "ja",
     "工学部と経営学部を持つ私立大学で、留学生の受け入れを増やしています。",
     [("request", "海外大学との学生交流", "ヨーロッパの大学とダブルディグリーや交換留学の協定を結びたいと考えています。")],
     [("uniexchange", "r")]),
    ("es-fp-hosteleria", "Centro Integrado de Formación Profesional de Hostelería de Sevilla", "institute", "ES", "es",
     "Formamos cocineros, camareros y recepcionistas de hotel con prácticas en empresas del sector.",
     [("offer", "Formación profesional dual en hostelería", "Compartimos nuestro modelo de formación dual y buscamos escuelas de otros países para intercambios de alumnos y profesores.")],
     [("vocational", "o")]),
    ("cn-cd-normal-univ", "成都师范大学教师教育学院", "university", "CN", "zh",
     "学院每年为四川省培养三千名中小学教师。",
     [("request", "教师培训与教育研究合作", "希望与芬兰等欧洲国家的师范院校合作，开展中小学教师的海外研修和课堂教学研究。")],
     [("teachers", "r")]),

    # ---- 8. creative industries ----
    ("cn-hz-animation", "杭州玄机动漫影业", "company", "CN", "zh",
     "公司有五百名动画师，制作三维动画剧集和动画电影。",
     [("request", "国际合拍动画片", "寻找欧洲动画工作室联合开发和合拍面向儿童的动画系列片，共同申请合拍资金。")],
     [("animation", "b")]),
    ("cn-sz-gamestudio", "深圳星火游戏工作室", "company", "CN", "zh",
     "独立游戏开发商，已在手机和电脑平台发行十余款游戏。",
     [("request", "游戏本地化与欧洲发行", "需要把游戏翻译成西班牙语、法语和德语，并寻找欧洲的发行合作伙伴。")],
     [("games", "r")]),
    ("cn-bj-design-week", "北京国际设计周组委会", "association", "CN", "zh",
     "设计周每年举办展览、论坛和设计师交流活动，吸引数十万观众。",
     [("request", "欧洲设计师参展", "邀请欧洲的工业设计、家具设计机构和设计师来京参展，并组织设计师驻留项目。")],
     [("design", "b")]),
    ("jp-anime-studio", "スタジオ夕凪", "sme", "JP", "ja",
     "テレビアニメと劇場作品の制作を手がけるアニメーションスタジオです。",
     [("offer", "アニメの国際共同制作", "海外のスタジオと共同で作品を企画・制作し、作画や背景美術も請け負います。")],
     [("animation", "b")]),
    ("fr-studio-angouleme", "Studio Lune Rousse", "sme", "FR", "fr",
     "Studio d'animation installé à Angoulême, spécialisé dans les séries pour la jeunesse en 2D et en 3D.",
     [("request", "Coproductions internationales", "Nous recherchons des studios étrangers pour coproduire notre prochaine série et partager la fabrication.")],
     [("animation", "b")]),
    ("fi-pelialan-klusteri", "Tampereen peliklusteri ry", "association", "FI", "fi",
     "Yhdistämme viisikymmentä pirkanmaalaista pelistudiota ja pelialan koulutusta.",
     [("request", "Pelien markkinoille Aasiassa", "Jäsenyrityksemme etsivät kiinalaisia ja japanilaisia julkaisijoita mobiilipeleilleen.")],
     [("games", "b")]),
    ("es-localiza-juegos", "Localiza Studio", "sme", "ES", "es",
     "Traducimos y adaptamos videojuegos al español, portugués, francés e italiano, con pruebas de calidad lingüística.",
     [("offer", "Localización de videojuegos", "Ofrecemos localización y pruebas lingüísticas a desarrolladores asiáticos que quieren lanzar sus juegos en Europa y América Latina.")],
     [("games", "o")]),
    ("it-design-milano", "Associazione per il Disegno Industriale di Milano", "association", "IT", "it",
     "Rappresentiamo designer e aziende dell'arredamento e del design industriale italiano.",
     [("offer", "Scambi tra designer", "Promuoviamo residenze di designer, mostre e collaborazioni con aziende e scuole di design all'estero.")],
     [("design", "b")]),

    # ---- 9. aerospace, drones, satellites ----
    ("cn-xian-aviation-base", "西安阎良国家航空高技术产业基地", "park", "CN", "zh",
     "基地聚集了四百多家航空企业，涵盖整机制造、零部件和维修。",
     [("request", "复合材料零部件与适航认证", "希望引进欧洲的航空复合材料零部件企业，并在欧洲航空安全局的适航审定方面获得咨询。")],
     [("composites", "r"), ("certification", "r")]),
    ("cn-xag-drones", "广州极飞植保无人机有限公司", "company", "CN", "zh",
     "公司生产农业植保无人机，已为数千万亩农田提供喷洒服务。",
     [("offer", "农业无人机", "寻找欧洲的经销商和农业服务公司，共同推广无人机喷洒和播种，并了解欧盟的飞行法规。")],
     [("agridrones", "o")]),
    ("cn-aircas-remote", "中国科学院空天信息创新研究院遥感应用中心", "institute", "CN", "zh",
     "中心利用卫星遥感数据开展作物长势监测、产量估算和旱情监测。",
     [("offer", "卫星遥感农业监测", "愿与欧洲机构共享遥感数据和算法，合作开展农作物监测研究。")],
     [("remotesensing", "b")]),
    ("fr-composites-toulouse", "Occitanie Composites Aéro", "sme", "FR", "fr",
     "Nous fabriquons des pièces en matériaux composites pour les avionneurs et les équipementiers aéronautiques.",
     [("offer", "Pièces composites certifiées", "Nous cherchons de nouveaux clients et des sites de production partenaires en Asie pour nos pièces de structure en fibre de carbone.")],
     [("composites", "o")]),
    ("de-luftfahrt-zulassung", "AeroCert Beratung GmbH", "sme", "DE", "de",
     "Ingenieurbüro für die Zulassung von Luftfahrzeugen, Bauteilen und Herstellerbetrieben nach den Vorschriften der EASA.",
     [("offer", "Begleitung von Zulassungsverfahren", "Wir begleiten ausländische Hersteller durch die Musterzulassung und die Genehmigung als Herstellungsbetrieb.")],
     [("certification", "o")]),
    ("es-drones-agro", "AgroDron Extremadura", "company", "ES", "es",
     "Prestamos servicios de agricultura de precisión con drones para mapas de vigor y tratamientos localizados.",
     [("request", "Fabricantes de drones agrícolas", "Buscamos fabricantes de drones de pulverización para ampliar nuestra flota y distribuir sus equipos en España.")],
     [("agridrones", "r"), ("remotesensing", "b")]),
    ("it-telerilevamento", "GeoSat Agri S.r.l.", "sme", "IT", "it",
     "Elaboriamo immagini satellitari per stimare le rese e lo stress idrico delle colture.",
     [("request", "Dati e partner di ricerca", "Cerchiamo istituti di ricerca con cui condividere dati di telerilevamento e sviluppare modelli di monitoraggio delle colture.")],
     [("remotesensing", "b")]),
    ("pt-aero-evora", "Cluster Aeronáutico de Évora", "association", "PT", "pt",
     "O cluster reúne fabricantes de aeroestruturas e empresas de manutenção de aeronaves no Alentejo.",
     [("offer", "Aeroestruturas e manutenção", "Procuramos parceiros internacionais para a produção de componentes em compósitos e para a manutenção de aeronaves.")],
     [("composites", "o")]),

    # ---- 10. forests, wood and bamboo ----
    ("cn-anji-bamboo", "安吉竹产业集团", "company", "CN", "zh",
     "安吉被称为中国竹乡，公司生产竹地板、竹胶合板和竹结构构件。",
     [("offer", "竹材建材出口", "希望把竹结构材料推向欧洲建筑市场，需要了解欧洲的建筑材料标准和认证。")],
     [("woodbuilding", "o")]),
    ("cn-yn-forestry", "云南省林业和草原局", "agency", "CN", "zh",
     "云南森林覆盖率超过百分之六十五，每年春季都面临严重的森林火灾风险。",
     [("request", "森林防火监测", "寻求卫星和摄像头相结合的林火早期预警技术，以及欧洲的山火扑救经验。")],
     [("forestfire", "r")]),
    ("fi-puurakentajat", "Suomen Puurakentajat Oy", "company", "FI", "fi",
     "Suunnittelemme ja rakennamme kerrostaloja ristiinliimatusta massiivipuusta (CLT) ja liimapuusta.",
     [("offer", "Puukerrostalojen osaaminen", "Jaamme osaamistamme puurakentamisesta ja haemme kumppaneita Kiinasta ja Japanista.")],
     [("woodbuilding", "o")]),
    ("de-holzbau-schwarzwald", "Holzbau Schwarzwald GmbH", "sme", "DE", "de",
     "Zimmerei und Holzbauunternehmen für mehrgeschossige Gebäude aus Brettsperrholz.",
     [("offer", "Mehrgeschossiger Holzbau", "Wir suchen Partner im Ausland, die Gebäude in Holzbauweise planen, und bieten Schulungen für Planer und Monteure an.")],
     [("woodbuilding", "o")]),
    ("pt-icnf-incendios", "Agência para a Gestão Integrada de Fogos Rurais", "agency", "PT", "pt",
     "Coordenamos a prevenção e o combate aos incêndios rurais em Portugal continental.",
     [("offer", "Prevenção de incêndios florestais", "Partilhamos a nossa experiência em gestão de combustíveis, vigilância e alerta precoce com outros países afetados por fogos.")],
     [("forestfire", "o")]),
    ("jp-mokuzai-kumiai", "岡山県木材協同組合", "association", "JP", "ja",
     "県内の製材所と工務店が加盟し、国産材の利用拡大とCLTを使った中高層建築に取り組んでいます。",
     [("request", "木造建築の国際交流", "欧州の木造中高層建築の技術や防火基準について学びたいと考えています。")],
     [("woodbuilding", "r")]),
    ("cn-nefu-timber", "东北林业大学木结构研究中心", "university", "CN", "zh",
     "中心研究现代木结构建筑、工程木材和木结构防火性能。",
     [("request", "木结构联合研究", "希望与欧洲大学和企业开展正交胶合木建筑的联合研究和学生交流。")],
     [("woodbuilding", "r")]),
    ("es-incendios-catalunya", "Centro de Ciencia y Tecnología Forestal de Lleida", "institute", "ES", "es",
     "Investigamos la gestión forestal y el comportamiento del fuego en los bosques mediterráneos.",
     [("offer", "Modelos de riesgo de incendio", "Compartimos modelos de predicción de incendios forestales y de planificación de quemas prescritas.")],
     [("forestfire", "o")]),

    # ---- 11. medicine and health ----
    ("cn-gd-tcm-hospital", "广东省中医院", "institute", "CN", "zh",
     "医院是国内规模最大的中医院之一，针灸科和康复科在全国领先。",
     [("offer", "针灸临床研究合作", "愿与欧洲医院和大学开展针灸治疗慢性疼痛的临床研究，并提供针灸培训。")],
     [("tcm", "b")]),
    ("cn-mindray-like", "深圳康睿医疗器械有限公司", "company", "CN", "zh",
     "公司生产便携式超声诊断仪和病人监护仪。",
     [("request", "欧盟医疗器械认证", "产品计划进入欧洲市场，需要欧盟医疗器械法规（MDR）符合性评估和临床评价方面的咨询。")],
     [("mdr", "r")]),
    ("de-mdr-beratung", "MedReg Consulting GmbH", "sme", "DE", "de",
     "Wir unterstützen Medizinproduktehersteller bei der CE-Kennzeichnung nach der europäischen Medizinprodukteverordnung.",
     [("offer", "Regulatorische Beratung", "Für Hersteller aus Asien übernehmen wir die technische Dokumentation, die klinische Bewertung und die Rolle des Bevollmächtigten in der EU.")],
     [("mdr", "o")]),
    ("it-univ-medicina-integrata", "Università di Verona, Centro di Medicina Integrata", "university", "IT", "it",
     "Il centro studia l'efficacia delle medicine complementari accanto alle cure convenzionali.",
     [("request", "Studi clinici sull'agopuntura", "Cerchiamo ospedali partner per studi clinici randomizzati sull'agopuntura nel dolore cronico e nella nausea da chemioterapia.")],
     [("tcm", "b")]),
    ("fi-etalaakari", "Etälääkäri Oy", "sme", "FI", "fi",
     "Tarjoamme etävastaanottoja ja potilastietojärjestelmään liitettävän videopalvelun terveyskeskuksille.",
     [("offer", "Etälääketieteen alusta", "Haemme sairaaloita ja terveyspalveluyrityksiä Kiinasta ja Japanista pilotoimaan etävastaanottopalveluamme.")],
     [("telehealth", "o")]),
    ("jp-kampo-seiyaku", "大和漢方製薬株式会社", "company", "JP", "ja",
     "生薬を原料とする漢方薬を製造しています。",
     [("request", "欧州での漢方薬の登録", "伝統的ハーブ医薬品としてEUで登録するための手続きと、欧州での原料生薬の調達先を探しています。")],
     [("herbs", "r")]),
    ("es-plantas-medicinales", "Hierbas de Sierra Nevada S.L.", "company", "ES", "es",
     "Cultivamos plantas medicinales y aromáticas en Granada con certificación ecológica.",
     [("offer", "Cultivo de plantas medicinales", "Queremos cultivar plantas de la medicina tradicional asiática bajo buenas prácticas agrícolas y buscamos compradores y socios técnicos.")],
     [("herbs", "o")]),
    ("cn-gs-herbs", "甘肃岷县当归种植合作社", "company", "CN", "zh",
     "合作社有两千户农民种植当归、黄芪等中药材。",
     [("offer", "中药材供应", "希望按照欧洲的药用植物种植和采集规范（GACP）生产，并向欧洲和日本出口药材。")],
     [("herbs", "o")]),
    ("cn-wz-hospital-telemed", "温州医科大学附属第一医院", "institute", "CN", "zh",
     "医院是浙南地区的医疗中心，承担周边县市的远程会诊。",
     [("request", "远程医疗合作", "希望学习欧洲的远程医疗和在线问诊模式，提升基层医院的诊疗能力。")],
     [("telehealth", "r")]),

    # ---- 12. aquaculture and fisheries ----
    ("cn-zhoushan-ocean", "舟山市海洋与渔业局", "city", "CN", "zh",
     "舟山是中国最大的渔场之一，近海捕捞资源下降，正在发展海水养殖。",
     [("request", "循环水养殖技术", "希望引进工厂化循环水养殖系统和深远海养殖装备，并开展贝类养殖合作。")],
     [("ras", "r"), ("shellfish", "r")]),
    ("cn-dalian-seafood", "大连海鲜加工有限公司", "company", "CN", "zh",
     "公司加工和进口三文鱼、鳕鱼和扇贝，产品销往全国超市。",
     [("request", "进口水产品溯源", "寻找欧洲的三文鱼和贝类供应商，并需要全程可追溯和冷链保障。")],
     [("seafoodtrade", "r"), ("coldchain", "r")]),
    ("fi-kiertovesi", "Kiertovesikala Oy", "sme", "FI", "fi",
     "Rakennamme kiertovesilaitoksia, joissa kasvatetaan kirjolohta ja siikaa sisätiloissa.",
     [("offer", "Kiertovesikasvatuksen teknologia", "Toimitamme kalankasvatuslaitoksia ulkomaille ja koulutamme henkilökunnan.")],
     [("ras", "o")]),
    ("es-mejillon-galicia", "Consello Regulador Mexillón de Galicia", "association", "ES", "es",
     "Más de tres mil bateas en las rías gallegas producen el mejillón con denominación de origen.",
     [("offer", "Cultivo de mejillón en batea", "Compartimos la técnica del cultivo en batea y buscamos importadores en Asia.")],
     [("shellfish", "o"), ("seafoodtrade", "o")]),
    ("pt-ipma-aquacultura", "Estação Piloto de Piscicultura de Olhão", "institute", "PT", "pt",
     "Investigamos a reprodução e a engorda de peixes marinhos, como o pregado e o linguado, em sistemas de recirculação.",
     [("offer", "Investigação em aquacultura", "Procuramos parceiros para projetos de aquacultura em sistemas de recirculação e formação de técnicos.")],
     [("ras", "o")]),
    ("jp-hiroshima-kaki", "広島かき生産者協議会", "association", "JP", "ja",
     "広島湾ではいかだ式で牡蠣を養殖しており、全国の生産量の六割を占めています。",
     [("request", "海外の貝類養殖との交流", "ヨーロッパのカキやムール貝の生産者と、養殖技術や海水温上昇への対応について情報交換したいです。")],
     [("shellfish", "b")]),
    ("fr-conchyliculture", "Comité Régional de la Conchyliculture Bretagne Sud", "association", "FR", "fr",
     "Nos ostréiculteurs et mytiliculteurs élèvent huîtres et moules dans les baies du Morbihan.",
     [("offer", "Échanges entre conchyliculteurs", "Nous accueillons des producteurs étrangers et partageons nos méthodes d'élevage et de surveillance sanitaire des coquillages.")],
     [("shellfish", "b")]),
    ("gb-salmon-scotland", "Highland Salmon Exports Ltd", "company", "GB", "en",
     "We farm and export Atlantic salmon from the west coast of Scotland.",
     [("offer", "Fresh salmon for Asia", "We look for seafood importers and processors in China and Japan, with full traceability from farm to market.")],
     [("seafoodtrade", "o")]),
]

# Links between fields a broker would still mention (grade 1 both ways).
LINKS = [
    ("cn-coldlink", "cn-mengniu-ranch"), ("nl-coldstore-rotterdam", "cn-dalian-seafood"),
    ("cn-aircas-remote", "cn-xj-cotton"), ("it-telerilevamento", "cn-xj-cotton"),
    ("es-drones-agro", "cn-xj-cotton"), ("it-telerilevamento", "pt-alentejo-ccdr"),
    ("cn-aircas-remote", "cn-yn-forestry"), ("cn-fourier-rehab", "cn-yikang-care"),
    ("cn-gd-tcm-hospital", "jp-kampo-seiyaku"), ("cn-gd-tcm-hospital", "es-plantas-medicinales"),
    ("fi-etalaakari", "cn-hz-civil-affairs"), ("fi-lapin-matkailu", "cn-yangshuo-tourism"),
    ("jp-tokushima-ai", "pt-citeve"), ("cn-anji-bamboo", "de-holzbau-schwarzwald"),
]

CN_JP = {"CN", "JP"}


def region(country):
    return "asia" if country in CN_JP else "europe"


def complementary(a, b):
    if a == "p" and b == "p":
        return True
    if "p" in (a, b):
        other = b if a == "p" else a
        return other in ("o", "b")
    return a == "b" or b == "b" or {a, b} == {"o", "r"}


def grade(qa, qb):
    """The broker's grade of partner qb for query qa (tuples of ORGS)."""
    best = 0
    needs_b = dict(qb[7])
    cross = region(qa[3]) != region(qb[3])
    for need, side in qa[7]:
        if need not in needs_b:
            continue
        if complementary(side, needs_b[need]) and cross:
            best = max(best, 3)
        elif cross or complementary(side, needs_b[need]):
            best = max(best, 2)
        else:
            best = max(best, 1)
    if best == 0 and field(qa) == field(qb):
        best = 1
    if best == 0 and ((qa[0], qb[0]) in LINKS or (qb[0], qa[0]) in LINKS):
        best = 1
    return best


FIELD = {}


def field(o):
    return FIELD[o[0]]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    # fields follow the order of ORGS: a new field starts where the needs change
    fields = [("cheese", "foodtest"), ("irrigation", "drought", "salinity"),
              ("monitoring", "dementia", "rehab", "caretraining", "agecity"),
              ("dyeing", "textilerecycling", "fabrics"),
              ("ruraltourism", "winetourism", "spa", "inbound"),
              ("railfreight", "coldchain", "warehouse"),
              ("vocational", "language", "uniexchange", "teachers"),
              ("animation", "games", "design"),
              ("composites", "certification", "agridrones", "remotesensing"),
              ("woodbuilding", "forestfire"), ("tcm", "mdr", "telehealth", "herbs"),
              ("ras", "shellfish", "seafoodtrade")]
    for o in ORGS:
        FIELD[o[0]] = next(i for i, f in enumerate(fields) if o[7][0][0] in f)
    orgs = []
    for oid, name, kind, country, lang, desc, opps, _ in ORGS:
        orgs.append({"id": oid, "name": name, "kind": kind, "country": country,
                     "languages": [lang], "description": desc,
                     "opportunities": [{"id": "o%d" % (i + 1), "type": t, "title": ti,
                                        "description": d}
                                       for i, (t, ti, d) in enumerate(opps)]})
    queries = []
    for i, qa in enumerate(ORGS):
        partners = {}
        for qb in ORGS:
            if qb is qa:
                continue
            g = grade(qa, qb)
            if g:
                partners[qb[0]] = g
        partners = dict(sorted(partners.items(), key=lambda kv: (-kv[1], kv[0])))
        queries.append({"id": qa[0], "split": "tune" if i % 2 == 0 else "test",
                        "partners": partners})
    labels = {"version": 1,
              "grades": {"3": "the same need from complementary sides across China/Japan and Europe",
                         "2": "the same need, same side across the border or complementary on one side",
                         "1": "the same field without a shared need, or a named link",
                         "0": "not proposed (partners not listed)"},
              "queries": queries}
    with open(os.path.join(here, "organisations.json"), "w", encoding="utf-8") as f:
        json.dump({"organisations": orgs}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(here, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
