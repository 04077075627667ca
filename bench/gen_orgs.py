#!/usr/bin/env python3
"""gen_orgs.py - a deterministic batch of organisations for `liaison import`.

Writes the batch format of docs/data-format.md ({"organisations": [...]},
each with 0-2 opportunities) with every field valid per docs/api.md. The
descriptions are written in zh, ja, fr, de, pt, fi, en, es or it (about a
third Chinese, some with an English summary) and are 300-800 bytes of UTF-8
each, built from sentences about the themes of China-Europe cooperation.
The same --seed and --count give the same bytes. Python 3 stdlib only.

usage: gen_orgs.py [--count N] [--seed S] [--output FILE]
"""

import argparse
import json
import random
import sys

THEMES = ["mobility", "circular-economy", "climate-adaptation", "sustainable-tourism",
          "social-cohesion", "smart-cities", "cultural-heritage", "green-energy",
          "industrial-modernisation"]

# Per language: countries, cities, theme words (in THEMES order), industries,
# organisation name patterns, description sentences, opportunity titles and
# an "and" to join names. {city} {t1} {t2} {i1} {i2} {i3} {name} are filled in.
LANGS = {
    "zh": {
        "countries": ["CN"],
        "cities": ["北京", "天津", "重庆", "沈阳", "郑州", "苏州", "广州", "芜湖", "成都",
                   "杭州", "武汉", "西安", "青岛", "宁波", "合肥", "长沙"],
        "themes": ["城市交通", "循环经济", "气候适应", "可持续旅游", "社会融合", "智慧城市",
                   "文化遗产保护", "绿色能源", "产业现代化"],
        "industries": ["电子信息", "汽车制造", "生物医药", "新材料", "装备制造", "现代物流",
                       "数字经济", "新能源汽车", "食品加工", "纺织服装"],
        "names": {"city": "{city}市人民政府", "region": "{city}都市圈发展委员会",
                  "sme": "{city}{w}科技有限公司", "company": "{city}{w}集团股份有限公司",
                  "park": "{city}{w}产业园", "university": "{city}{w}大学",
                  "institute": "{city}{w}研究院", "association": "{city}{w}行业协会",
                  "agency": "{city}国际合作中心", "other": "{city}{w}发展基金会"},
        "words": ["华创", "中科", "远景", "新城", "绿源", "智联", "天成", "博远", "汇通", "恒信"],
        "sentences": [
            "{name}位于{city}，长期致力于{t1}和{t2}领域的国际合作。",
            "我们希望与欧洲的城市、企业和研究机构建立长期伙伴关系，共同开展试点项目。",
            "近年来，{city}在{t1}方面取得了显著进展，积累了丰富的实践经验。",
            "主要产业包括{i1}、{i2}和{i3}。",
            "我们正在寻找在{t2}方面拥有成熟技术和解决方案的合作伙伴。",
            "欢迎有意向的机构通过中欧合作洽谈会与我们联系，商讨技术转让、合资和联合研发等合作方式。",
            "城市交通、绿色能源和循环经济是未来五年的重点发展方向。",
            "我们的团队经验丰富，能够为合作伙伴提供本地化的市场调研和政策咨询服务。",
        ],
        "titles": ["寻求{t1}领域的欧洲合作伙伴", "提供{t1}技术解决方案", "{city}{t1}试点项目合作"],
    },
    "ja": {
        "countries": ["JP"],
        "cities": ["東京", "大阪", "名古屋", "横浜", "福岡", "札幌", "神戸", "京都", "仙台", "広島"],
        "themes": ["モビリティ", "循環経済", "気候変動への適応", "持続可能な観光", "社会的包摂",
                   "スマートシティ", "文化遺産", "グリーンエネルギー", "産業の近代化"],
        "industries": ["自動車部品", "精密機械", "半導体", "化学", "食品", "ロボット", "医療機器",
                       "物流"],
        "names": {"city": "{city}市", "region": "{city}圏広域連合", "sme": "株式会社{city}{w}",
                  "company": "{city}{w}ホールディングス", "park": "{city}{w}テクノパーク",
                  "university": "{city}{w}大学", "institute": "{city}{w}研究所",
                  "association": "{city}{w}工業会", "agency": "{city}国際交流センター",
                  "other": "{city}{w}財団"},
        "words": ["精工", "テック", "未来", "創研", "技研", "総合", "環境", "ネクスト"],
        "sentences": [
            "{name}は{city}を拠点とし、{t1}と{t2}の分野で国際協力を進めています。",
            "欧州の都市、企業、研究機関との長期的なパートナーシップを求めています。",
            "主な産業は{i1}、{i2}、{i3}です。",
            "{t2}に関する実証プロジェクトの共同実施に関心があります。",
            "高品質な部品と技術サービスを長年にわたり提供してきました。",
            "日中欧のビジネスマッチングを通じて、新しい市場への展開を目指しています。",
            "持続可能なまちづくりと脱炭素社会の実現に貢献したいと考えています。",
        ],
        "titles": ["{t1}分野のパートナー募集", "{t1}の技術ソリューションを提供", "{city}での{t1}実証"],
    },
    "fr": {
        "countries": ["FR", "BE"],
        "cities": {"FR": ["Lyon", "Toulouse", "Bordeaux", "Lille", "Nantes", "Strasbourg",
                          "Grenoble", "Montpellier"],
                   "BE": ["Liège", "Namur", "Charleroi", "Mons"]},
        "themes": ["mobilité urbaine", "économie circulaire", "adaptation au climat",
                   "tourisme durable", "cohésion sociale", "villes intelligentes",
                   "patrimoine culturel", "énergie verte", "modernisation industrielle"],
        "industries": ["l'aéronautique", "l'agroalimentaire", "la chimie", "le numérique",
                       "l'énergie", "la santé", "le textile", "la logistique"],
        "names": {"city": "Ville de {city}", "region": "Métropole de {city}",
                  "sme": "{w} {city} SARL", "company": "Groupe {w} SA", "park": "Technopôle {w} de {city}",
                  "university": "Université {w} de {city}", "institute": "Institut {w} de {city}",
                  "association": "Association {w} de {city}", "agency": "Agence de développement de {city}",
                  "other": "Fondation {w}"},
        "words": ["Horizon", "Avenir", "Lumière", "Rhône", "Atlantique", "Innov", "Sud", "Nova"],
        "sentences": [
            "{name}, basé à {city}, développe depuis plusieurs années des projets de coopération internationale en {t1} et en {t2}.",
            "Nous recherchons des partenaires en Chine et en Europe pour des projets pilotes, des transferts de technologie et des coentreprises.",
            "Nos principaux secteurs sont {i1}, {i2} et {i3}.",
            "L'équipe accompagne les collectivités dans la transition écologique et la planification urbaine.",
            "Nous souhaitons rencontrer des acteurs du domaine « {t2} » lors des prochaines rencontres d'affaires.",
            "Notre expertise couvre l'ingénierie, la formation et le conseil stratégique.",
            "Plusieurs délégations chinoises ont déjà été accueillies à {city} ces dernières années.",
            "Nous participons régulièrement à des programmes européens de recherche et d'innovation.",
        ],
        "titles": ["Partenaires recherchés en {t1}", "Offre technologique : {t1}",
                   "Projet pilote de {t1} à {city}"],
    },
    "de": {
        "countries": ["DE", "AT"],
        "cities": {"DE": ["München", "Stuttgart", "Hamburg", "Köln", "Leipzig", "Dresden",
                          "Nürnberg", "Düsseldorf"],
                   "AT": ["Wien", "Graz", "Linz", "Salzburg"]},
        "themes": ["Mobilität", "Kreislaufwirtschaft", "Klimaanpassung", "nachhaltigen Tourismus",
                   "sozialen Zusammenhalt", "Smart Cities", "Kulturerbe", "grüne Energie",
                   "industrielle Modernisierung"],
        "industries": ["Maschinenbau", "Fahrzeugbau", "Medizintechnik", "Chemie", "Logistik",
                       "Elektrotechnik", "Lebensmittel", "Software"],
        "names": {"city": "Stadt {city}", "region": "Region {city}", "sme": "{w} GmbH",
                  "company": "{w} {city} AG", "park": "Technologiepark {city}",
                  "university": "Technische Hochschule {city}", "institute": "{w}-Institut {city}",
                  "association": "Wirtschaftsverband {city}", "agency": "Wirtschaftsförderung {city}",
                  "other": "{w}-Stiftung"},
        "words": ["Nordlicht", "Präzision", "Zukunft", "Alpen", "Rhein", "Technik", "Grünwerk", "Müller"],
        "sentences": [
            "{name} mit Sitz in {city} arbeitet seit Jahren an internationalen Kooperationsprojekten für {t1} und {t2}.",
            "Wir suchen Partner in China und Europa für Pilotprojekte, Technologietransfer und gemeinsame Forschung.",
            "Unsere wichtigsten Branchen sind {i1}, {i2} und {i3}.",
            "Als mittelständisches Unternehmen liefern wir hochwertige Komponenten für Maschinenbau und Energietechnik.",
            "Besonders interessiert sind wir an Lösungen für {t2} und an der Zusammenarbeit mit Hochschulen.",
            "Die Geschäftsführung freut sich über Gesprächstermine während der Kooperationsbörse.",
            "In {city} haben wir bereits mehrere Delegationen aus China empfangen.",
            "Wir beteiligen uns regelmäßig an europäischen Forschungs- und Innovationsprogrammen.",
        ],
        "titles": ["Partner für {t1} gesucht", "Technologieangebot: Lösungen für {t1}",
                   "Pilotprojekt {t1} in {city}"],
    },
    "pt": {
        "countries": ["PT", "BR"],
        "cities": {"PT": ["Lisboa", "Porto", "Braga", "Coimbra", "Aveiro", "Faro"],
                   "BR": ["São Paulo", "Curitiba", "Belo Horizonte", "Recife"]},
        "themes": ["mobilidade urbana", "economia circular", "adaptação climática",
                   "turismo sustentável", "coesão social", "cidades inteligentes",
                   "património cultural", "energia verde", "modernização industrial"],
        "industries": ["o calçado", "a cortiça", "o turismo", "as energias renováveis",
                       "a metalomecânica", "o software", "a agroindústria", "os têxteis"],
        "names": {"city": "Câmara Municipal de {city}", "region": "Área Metropolitana de {city}",
                  "sme": "{w} Lda", "company": "{w} {city} SA", "park": "Parque de Ciência {w}",
                  "university": "Universidade de {city}", "institute": "Instituto {w} de {city}",
                  "association": "Associação Empresarial de {city}",
                  "agency": "Agência de Desenvolvimento de {city}", "other": "Fundação {w}"},
        "words": ["Atlântico", "Horizonte", "Inova", "Tejo", "Douro", "Nova", "Luz", "Sol"],
        "sentences": [
            "{name}, sediada em {city}, promove a cooperação internacional nas áreas de {t1} e {t2}.",
            "Procuramos parceiros na China e na Europa para projetos-piloto, transferência de tecnologia e investimento conjunto.",
            "As principais indústrias são {i1}, {i2} e {i3}.",
            "A nossa equipa tem experiência em planeamento urbano, eficiência energética e inovação social.",
            "Temos interesse em soluções de {t2} e em parcerias com universidades e centros de investigação.",
            "Nos últimos anos recebemos em {city} várias delegações chinesas e europeias.",
            "Participamos regularmente em programas europeus de investigação e inovação.",
        ],
        "titles": ["Procuramos parceiros em {t1}", "Oferta tecnológica em {t1}",
                   "Projeto-piloto de {t1} em {city}"],
    },
    "fi": {
        "countries": ["FI"],
        "cities": ["Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä",
                   "Lahti", "Kuopio", "Vaasa"],
        "themes": ["liikkuminen", "kiertotalous", "ilmastonmuutokseen sopeutuminen",
                   "kestävä matkailu", "sosiaalinen koheesio", "älykkäät kaupungit",
                   "kulttuuriperintö", "vihreä energia", "teollisuuden uudistaminen"],
        "industries": ["metsäteollisuus", "ohjelmistot", "koneenrakennus", "energia",
                       "terveysteknologia", "pelit", "elintarvikkeet", "logistiikka"],
        "names": {"city": "{city}n kaupunki", "region": "{city}n seutu", "sme": "{w} Oy",
                  "company": "{w} Oyj", "park": "{w} tiedepuisto", "university": "{city}n yliopisto",
                  "institute": "{w} tutkimuslaitos", "association": "{city}n kauppakamari",
                  "agency": "Business {city}", "other": "{w} säätiö"},
        "words": ["Revontuli", "Pohjola", "Sisu", "Kaleva", "Tapio", "Aalto", "Kivi", "Metsä"],
        "sentences": [
            "{name} ({city}) edistää kansainvälistä yhteistyötä erityisesti teemoissa {t1} ja {t2}.",
            "Etsimme kumppaneita Kiinasta ja Euroopasta pilottihankkeisiin, teknologiansiirtoon ja yhteiseen tutkimukseen.",
            "Tärkeimmät toimialamme ovat {i1}, {i2} ja {i3}.",
            "Olemme kiinnostuneita ratkaisuista, jotka liittyvät teemaan {t2}, sekä yhteistyöstä yliopistojen kanssa.",
            "Tiimimme tarjoaa asiantuntemusta kestävästä kaupunkisuunnittelusta ja energiatehokkuudesta.",
            "Olemme viime vuosina isännöineet useita kiinalaisia delegaatioita.",
            "Osallistumme säännöllisesti eurooppalaisiin tutkimus- ja innovaatio-ohjelmiin.",
        ],
        "titles": ["Etsimme kumppania: {t1}", "Teknologiatarjous: {t1}", "Pilottihanke: {t1}, {city}"],
    },
    "en": {
        "countries": ["GB", "IE"],
        "cities": {"GB": ["Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Cardiff",
                          "Edinburgh", "Belfast"],
                   "IE": ["Dublin", "Cork", "Galway", "Limerick"]},
        "themes": ["urban mobility", "the circular economy", "climate adaptation",
                   "sustainable tourism", "social cohesion", "smart cities",
                   "cultural heritage", "green energy", "industrial modernisation"],
        "industries": ["advanced manufacturing", "life sciences", "financial services",
                       "software", "logistics", "creative industries", "food and drink",
                       "renewable energy"],
        "names": {"city": "{city} City Council", "region": "Greater {city} Authority",
                  "sme": "{w} Ltd", "company": "{w} {city} plc", "park": "{city} {w} Science Park",
                  "university": "University of {city}", "institute": "{w} Institute",
                  "association": "{city} Chamber of Commerce", "agency": "Invest {city}",
                  "other": "{w} Trust"},
        "words": ["Northern", "Bright", "Summit", "Harbour", "Oak", "Meridian", "Clear", "Pioneer"],
        "sentences": [
            "{name}, based in {city}, has worked on international cooperation in {t1} and {t2} for many years.",
            "We are looking for partners in China and Europe for pilot projects, technology transfer and joint ventures.",
            "Our main industries are {i1}, {i2} and {i3}.",
            "The team supports local authorities with urban planning, energy efficiency and digital services.",
            "We would welcome meetings with organisations active in {t2} at upcoming brokerage events.",
            "In recent years {city} has hosted several delegations from China and from across Europe.",
            "We take part regularly in European research and innovation programmes.",
        ],
        "titles": ["Partners sought in {t1}", "Technology offer for {t1}", "Pilot project on {t1} in {city}"],
    },
    "es": {
        "countries": ["ES"],
        "cities": ["Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Zaragoza", "Málaga",
                   "Vigo", "Valladolid", "Murcia"],
        "themes": ["movilidad urbana", "economía circular", "adaptación climática",
                   "turismo sostenible", "cohesión social", "ciudades inteligentes",
                   "patrimonio cultural", "energía verde", "modernización industrial"],
        "industries": ["la automoción", "el turismo", "la agroalimentación", "la energía solar",
                       "la logística", "el software", "la construcción", "la biotecnología"],
        "names": {"city": "Ayuntamiento de {city}", "region": "Área Metropolitana de {city}",
                  "sme": "{w} SL", "company": "Grupo {w} SA", "park": "Parque Tecnológico de {city}",
                  "university": "Universidad de {city}", "institute": "Instituto {w}",
                  "association": "Cámara de Comercio de {city}",
                  "agency": "Agencia de Desarrollo de {city}", "other": "Fundación {w}"},
        "words": ["Ibérica", "Horizonte", "Solar", "Levante", "Norte", "Innova", "Alba", "Mar"],
        "sentences": [
            "{name}, con sede en {city}, impulsa la cooperación internacional en {t1} y {t2}.",
            "Buscamos socios en China y Europa para proyectos piloto, transferencia de tecnología y empresas conjuntas.",
            "Nuestras principales industrias son {i1}, {i2} y {i3}.",
            "El equipo asesora a ayuntamientos y empresas en planificación urbana, eficiencia energética e innovación.",
            "Nos interesa especialmente conocer soluciones de {t2} y colaborar con universidades.",
            "En los últimos años {city} ha recibido varias delegaciones chinas y europeas.",
            "Participamos con regularidad en programas europeos de investigación e innovación.",
        ],
        "titles": ["Buscamos socios en {t1}", "Oferta tecnológica de {t1}", "Proyecto piloto de {t1} en {city}"],
    },
    "it": {
        "countries": ["IT"],
        "cities": ["Milano", "Torino", "Bologna", "Firenze", "Genova", "Napoli", "Venezia",
                   "Padova", "Bari", "Trieste"],
        "themes": ["mobilità urbana", "economia circolare", "adattamento climatico",
                   "turismo sostenibile", "coesione sociale", "città intelligenti",
                   "patrimonio culturale", "energia verde", "modernizzazione industriale"],
        "industries": ["la meccanica", "la moda", "l'agroalimentare", "il design", "la chimica",
                       "la farmaceutica", "la logistica", "l'automotive"],
        "names": {"city": "Comune di {city}", "region": "Città metropolitana di {city}",
                  "sme": "{w} Srl", "company": "{w} {city} SpA", "park": "Parco Scientifico {w}",
                  "university": "Università di {city}", "institute": "Istituto {w}",
                  "association": "Camera di Commercio di {city}",
                  "agency": "Agenzia per lo Sviluppo di {city}", "other": "Fondazione {w}"},
        "words": ["Aurora", "Orizzonte", "Adriatica", "Nova", "Vela", "Alpina", "Sole", "Ponte"],
        "sentences": [
            "{name}, con sede a {city}, promuove la cooperazione internazionale nei settori {t1} e {t2}.",
            "Cerchiamo partner in Cina e in Europa per progetti pilota, trasferimento tecnologico e joint venture.",
            "Le nostre principali industrie sono {i1}, {i2} e {i3}.",
            "Il team affianca enti locali e imprese nella pianificazione urbana, nell'efficienza energetica e nell'innovazione digitale.",
            "Siamo interessati a soluzioni di {t2} e a collaborazioni con università e centri di ricerca.",
            "Negli ultimi anni {city} ha accolto diverse delegazioni cinesi ed europee.",
            "Partecipiamo regolarmente a programmi europei di ricerca e innovazione.",
        ],
        "titles": ["Cerchiamo partner per {t1}", "Offerta tecnologica: {t1}", "Progetto pilota di {t1} a {city}"],
    },
}

# About a third Chinese, the rest spread over the European languages and Japanese.
LANG_WEIGHTS = [("zh", 30), ("ja", 8), ("fr", 9), ("de", 9), ("pt", 8), ("fi", 8),
                ("en", 10), ("es", 9), ("it", 9)]
KINDS = [("city", 8), ("region", 4), ("sme", 30), ("company", 15), ("park", 5),
         ("university", 10), ("institute", 8), ("association", 8), ("agency", 6), ("other", 6)]
SECTORS = ["H49", "H52.1", "C29.1", "C28", "D35.11", "E38", "F42", "J62", "M72", "M71.12",
           "P85.4", "Q86", "R91", "I55", "N79", "C26", "C20", "A01"]
PARTNERSHIP = ["pilot", "joint-venture", "licensing", "distribution", "research",
               "investment", "twinning", "supplier"]
TARGETS = ["CN", "FI", "DE", "FR", "IT", "ES", "PT", "NL", "SE", "PL", "AT", "BE", "JP", "IE"]

MIN_BYTES = 300
MAX_BYTES = 800


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.randrange(total)
    for value, w in pairs:
        if x < w:
            return value
        x -= w
    raise AssertionError("unreachable")


def fill(rng, lang, text, ctx):
    """Formats one template with the context and fresh theme/industry picks."""
    d = LANGS[lang]
    i1, i2, i3 = rng.sample(d["industries"], 3)
    return text.format(name=ctx["name"], city=ctx["city"], t1=ctx["t1"], t2=ctx["t2"],
                       i1=i1, i2=i2, i3=i3)


def sentences(rng, lang, ctx, lo, hi):
    """Sentences of lang joined until lo..hi bytes of UTF-8 (the first one first)."""
    d = LANGS[lang]
    sep = "" if lang in ("zh", "ja") else " "
    target = rng.randint(lo, hi)
    pool = d["sentences"][:]
    first = fill(rng, lang, pool.pop(0), ctx)
    rng.shuffle(pool)
    out = [first]
    size = len(first.encode())
    # Cycle through the sentences until the target size, never past hi.
    while size < target:
        s = fill(rng, lang, pool[len(out) % len(pool)], ctx)
        n = len(s.encode()) + len(sep.encode())
        if size + n > hi:
            break
        out.append(s)
        size += n
    return sep.join(out)


def description(rng, lang, ctx):
    if lang != "en" and rng.random() < 0.25:
        # A bilingual profile: native text and a short English summary.
        en_ctx = dict(ctx, t1=LANGS["en"]["themes"][ctx["ti"][0]],
                      t2=LANGS["en"]["themes"][ctx["ti"][1]])
        summary = fill(rng, "en", LANGS["en"]["sentences"][0], en_ctx)
        budget = MAX_BYTES - len(summary.encode()) - 2
        native = sentences(rng, lang, ctx, max(MIN_BYTES - len(summary.encode()), 120), budget)
        return native + "\n\n" + summary
    return sentences(rng, lang, ctx, MIN_BYTES, MAX_BYTES)


def opportunity(rng, ref, lang, ctx, kind, country):
    d = LANGS[lang]
    ti = rng.sample(range(len(THEMES)), 2)
    octx = dict(ctx, t1=d["themes"][ti[0]], t2=d["themes"][ti[1]])
    category = "city" if kind in ("city", "region") else rng.choice(
        ["business", "business", "technology", "research"])
    otype = rng.choice(["offer", "request"])
    # titles: [0] asks for partners, [1] offers something, [2] fits both.
    title = d["titles"][rng.choice([1, 2] if otype == "offer" else [0, 2])]
    opp = {
        "id": ref,
        "type": otype,
        "category": category,
        "title": fill(rng, lang, title, octx),
        "description": sentences(rng, lang, octx, 120, 300),
        "themes": [THEMES[i] for i in ti],
        "sdgs": sorted(rng.sample(range(1, 18), rng.randint(1, 3))),
        "partnership": rng.sample(PARTNERSHIP, rng.randint(1, 3)),
        "target_countries": rng.sample([c for c in TARGETS if c != country], rng.randint(1, 3)),
    }
    if rng.random() < 0.7:
        opp["deadline"] = "%04d-%02d-%02d" % (rng.choice([2026, 2027]), rng.randint(1, 12),
                                              rng.randint(1, 28))
    if rng.random() < 0.1:
        opp["state"] = "closed"
    return opp


def organisation(rng, i):
    lang = weighted(rng, LANG_WEIGHTS)
    d = LANGS[lang]
    kind = weighted(rng, KINDS)
    country = rng.choice(d["countries"])
    cities = d["cities"]
    city = rng.choice(cities[country] if isinstance(cities, dict) else cities)
    name = d["names"][kind].format(city=city, w=rng.choice(d["words"]))
    ti = rng.sample(range(len(THEMES)), rng.randint(2, 4))
    ctx = {"name": name, "city": city, "ti": ti,
           "t1": d["themes"][ti[0]], "t2": d["themes"][ti[1]]}
    ref = "b-%s-%06d" % (country.lower(), i)
    org = {
        "id": ref,
        "name": name,
        "kind": kind,
        "country": country,
        "city": city,
        "languages": [lang] + (["en"] if lang != "en" and rng.random() < 0.6 else []),
        "description": description(rng, lang, ctx),
        "themes": [THEMES[t] for t in ti],
        "sdgs": sorted(rng.sample(range(1, 18), rng.randint(1, 4))),
        "sectors": rng.sample(SECTORS, rng.randint(1, 3)),
        "pillar_industries": rng.sample(d["industries"], 2),
        "interests": [d["themes"][t] for t in ti[:2]],
        "website": "https://www.org%06d.example.org/" % i,
        "validation": weighted(rng, [("validated", 90), ("pending", 8), ("rejected", 2)]),
    }
    if kind in ("city", "region"):
        org["population"] = rng.randint(50_000, 25_000_000)
    else:
        org["size"] = rng.choice(["micro", "small", "medium", "large"])
    nopp = weighted(rng, [(0, 25), (1, 45), (2, 30)])
    if nopp:
        org["opportunities"] = [opportunity(rng, "%s-o%d" % (ref, j + 1), lang, ctx, kind,
                                            country) for j in range(nopp)]
    return org


def main(argv):
    ap = argparse.ArgumentParser(description="Deterministic organisations for liaison import.")
    ap.add_argument("--count", type=int, default=100_000, help="organisations (default 100000)")
    ap.add_argument("--seed", type=int, default=20260513, help="random seed")
    ap.add_argument("--output", default="-", help="output file (default stdout)")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be at least 1")
    rng = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        # One organisation per line: written as it is made, memory stays flat.
        nopps = 0
        out.write('{"organisations": [\n')
        for i in range(1, args.count + 1):
            org = organisation(rng, i)
            nopps += len(org.get("opportunities", ()))
            text = json.dumps(org, ensure_ascii=False, separators=(",", ":"))
            out.write(text + (",\n" if i < args.count else "\n"))
        out.write("]}\n")
    finally:
        if out is not sys.stdout:
            out.close()
    # A summary for bench/run.sh, which checks the import against it.
    print("gen_orgs: %d organisations %d opportunities" % (args.count, nopps), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
