"""Every field of every answer in each layout's fixtures, as read from the fixture's text.

The fixtures are real page texts (several cut at 2,000 bytes, as saved) and complete
pages written from the same real structure.
"""

from datetime import date

from .helpers import answer, assert_answers, read_fixture


def test_hansard_written_answers_commons():
    assert_answers(read_fixture("hansard_written_answers_commons.txt"), "hansard_written_answers", [
    answer(
        uin='180645',
        house='Commons',
        heading='Broadband',
        answering_body='Culture, Media and Sport',
        asking_member='Mr Jim Cunningham',
        question_text='To ask the Secretary of State for Culture, Media and Sport what assessment she has made of the rollout of superfast broadband in Coventry.',
        answered_date=date(2014, 1, 7),
        answering_minister='Mr Vaizey',
        answer_text='The Government is committed to the rollout of superfast broadband.\n\nCoventry is covered by commercial plans.',
    ),
    answer(
        uin='180700',
        house='Commons',
        heading='Tourism',
        answering_body='Culture, Media and Sport',
        asking_member='Mr Gregory Campbell',
        question_text='To ask the Secretary of State for Culture, Media and Sport how many overseas visitors came to Northern Ireland in 2013.',
        answered_date=date(2014, 1, 7),
        answering_minister='Mrs Grant',
        replaces_holding_answer=True,
        answer_text='Tourism in Northern Ireland is a devolved matter. The figures are published by the Northern Ireland Statistics and Research Agency.',
        grouped_uins=('180701',),
    ),
    answer(
        uin='180701',
        house='Commons',
        heading='Tourism',
        answering_body='Culture, Media and Sport',
        asking_member='Mr Gregory Campbell',
        question_text='To ask the Secretary of State for Culture, Media and Sport what steps she is taking to promote tourism in Northern Ireland.',
        answered_date=date(2014, 1, 7),
        answering_minister='Mrs Grant',
        replaces_holding_answer=True,
        answer_text='Tourism in Northern Ireland is a devolved matter. The figures are published by the Northern Ireland Statistics and Research Agency.',
        grouped_uins=('180700',),
    ),
    ], rejections=[])

def test_hansard_written_answers_lords():
    assert_answers(read_fixture("hansard_written_answers_lords.txt"), "hansard_written_answers", [
    answer(
        uin='HL9224',
        house='Lords',
        heading='Cornwall: Stannary Law',
        asking_member='Lord Teverson',
        question_text="To ask Her Majesty's Government, further to the Written Answer by Lord McNally on 11 May (WA 213), whether stannary law can still be used in appropriate courts in Cornwall.",
        answered_date=date(2011, 6, 6),
        answering_minister='Lord McNally',
        answer_text='There is no special status for legislation which applies to Cornwall or to Cornish localities.\n\nThat body of customary law has not been systematically repealed.',
    ),
    answer(
        uin='HL9180',
        house='Lords',
        heading='Crown Prosecution Service: Charging',
        asking_member='Lord Beecham',
        question_text="To ask Her Majesty's Government what parliamentary scrutiny has taken place over the decision to transfer responsibility for charging from the Crown Prosecution Service back to the police for some offences.",
        answered_date=date(2011, 6, 6),
        answering_minister='Lord Wallace of Tankerness',
        answer_text='The chief executive of the Crown Prosecution Service explained the transfer of responsibility to the police.',
    ),
    ], rejections=[])

def test_historic_hansard():
    assert_answers(read_fixture("historic_hansard.txt"), "historic_hansard_written_answers", [
    answer(
        uin='131122',
        house='Commons',
        heading='PARLIAMENTARY QUESTIONS',
        asking_member='Mr. Austin Mitchell',
        question_text='To ask the Minister of Agriculture, Fisheries and Food on how many occasions in the last five years she has knowingly provided incomplete information in answers to parliamentary questions.',
        answered_date=date(1994, 3, 22),
        answering_minister='Mr. Jack',
        answer_text='Ministers in this Department answer parliamentary questions in accordance with paragraph 27 of "Questions of Procedure for Ministers". Between 1 March 1993 and 28 February 1994, this Department received 2,375 parliamentary questions.\n\nOf these, 13 were referred to agency chief executives.',
        grouped_uins=('131123',),
        furniture_removed=True,
    ),
    answer(
        uin='131123',
        house='Commons',
        heading='PARLIAMENTARY QUESTIONS',
        asking_member='Mr. Austin Mitchell',
        question_text="To ask the Minister of Agriculture, Fisheries and Food how many parliamentary questions she has referred to her Department's agencies.",
        answered_date=date(1994, 3, 22),
        answering_minister='Mr. Jack',
        answer_text='Ministers in this Department answer parliamentary questions in accordance with paragraph 27 of "Questions of Procedure for Ministers". Between 1 March 1993 and 28 February 1994, this Department received 2,375 parliamentary questions.\n\nOf these, 13 were referred to agency chief executives.',
        grouped_uins=('131122',),
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        heading='PARLIAMENTARY QUESTIONS',
        asking_member='Mr. Redmond',
        question_text='To ask the Minister of Agriculture, Fisheries and Food what percentage of parliamentary questions to her Department were answered within a week.',
        answered_date=date(1994, 3, 22),
        answering_minister='Mr. McLoughlin',
        answer_text='I have nothing to add to the answer I gave.',
        furniture_removed=True,
    ),
    ], rejections=[])

def test_historic_hansard_1994():
    assert_answers(read_fixture("historic_hansard_1994.txt"), "historic_hansard_written_answers", [
    answer(
        house='Commons',
        asking_member='Mr. Austin Mitchell',
        question_text='To ask the Minister of Agriculture, Fisheries and Food on how many occasions in the last five years she has knowingly provided incomplete information in answers to parliamentary questions other than on grounds of disproportionate cost; and on what subjects.',
        answering_minister='Mr. Jack',
        answer_text='Ministers in this Department answer parliamentary questions in accordance with paragraph 27 of "Questions of Procedure for Ministers".',
    ),
    answer(
        house='Commons',
        asking_member='Mr. Redmond',
        question_text="To ask the Minister of Agriculture, Fisheries and Food if she will list for the last 12 months how many parliamentary questions she has referred to one of her Department's agencies for answer; and what percentage of parliamentary questions to her Department this represents.",
        answering_minister='Mr. Jack',
        answer_text='Between 1 March 1993 and 28 February 1994, this Department received 2,375 parliamentary questions. Of these, 13 were referred to agency chief executives. This represents 0.54 per cent. of the total.',
    ),
    ], rejections=[])

def test_linked_data_api():
    assert_answers(read_fixture("linked_data_api.json"), "linked_data_api", [
    answer(
        uin='HL3624',
        house='Lords',
        heading='Chinook Helicopters: Accidents',
        answering_body='Ministry of Defence',
        asking_member='Lord Forsyth of Drumlean',
        question_text="To ask His Majesty's Government what assessment they have made of the findings of the Chinook ZD576 accident review.",
        tabled_date=date(2024, 3, 26),
        answered_date=date(2024, 4, 9),
        answering_minister='The Earl of Minto',
        answer_text='I refer the Noble Lord to the answers given by my Right Honourable Friend, The Minister for Defence People and Families, in the other place on 26 February 2024 (UIN 13866) and on 15 March 2024 (UIN 17490).',
    ),
    answer(
        uin='HL3700',
        house='Lords',
        heading='Treasury: Consultants',
        answering_body='HM Treasury',
        asking_member='Lord Forsyth of Drumlean',
        question_text="To ask His Majesty's Government how much HM Treasury spent on consultants in 2022 and 2023.",
        tabled_date=date(2024, 4, 2),
        answered_date=date(2024, 4, 15),
        answering_minister='Baroness Vere of Norbiton',
        is_correction=True,
        answer_text='The figures are:\n\n2022: £1.2 million\n2023: £1.4 million\n\nCorrection: the earlier figure was wrong.',
    ),
    ], rejections=[])

def test_linked_data_api_cut():
    assert_answers(read_fixture("linked_data_api_cut.txt"), "linked_data_api", [

    ], rejections=[(1, 'record cut off: the JSON ends inside it')])

def test_lords_hansard_2011_cut():
    assert_answers(read_fixture("lords_hansard_2011_cut.txt"), "hansard_written_answers", [
    answer(
        uin='HL9224',
        house='Lords',
        question_text="To ask Her Majesty's Government, further to the Written Answer by Lord McNally on 11 May (WA 213), whether stannary law can still be used in appropriate courts in Cornwall.",
        answering_minister='Lord McNally',
        answer_text='There is no special status for legislation which applies to Cornwall or to Cornish localities. There were provisions in 19th century primary legislation relating to the stannaries, but these have largely been repealed. Stannary customary law was formerly enforced through the Stannaries Court, but that court was abolished and its jurisdiction transferred to the county courts of Cornwall in consequence of the Stannaries Court (Abolition) Act 1896. That body of customary law has not been systematically repealed but it is likely that such law has been superseded by modern legislation.',
        furniture_removed=True,
    ),
    answer(
        uin='HL9180',
        house='Lords',
        question_text="To ask Her Majesty's Government, further to the answer by Baroness Verma on 12 May, what parliamentary scrutiny has taken place over the decision to transfer responsibility for charging from the Crown Prosecution Service back to the police for some offences.",
        answering_minister='Lord Wallace of Tankerness',
        answer_text="The chief executive of the Crown Prosecution Service (CPS) explained the transfer of responsibility to the police, for charging in certain further offences, when he gave evidence to the House of Commons Justice Select Committee in January 2011. The issue of statutory charging has also been raised in a number of Parliamentary Questions during recent years.\n\nUnder the Criminal Justice Act 2003, the CPS was given the power to charge, although the police retained the responsibility to charge in the more minor cases, which made up around two-thirds of the overall casework. The detailed division of responsibility for charging is set out in the Director of Public Prosecutions' Guidance on Charging, which is regularly updated. Since implementation, the issue of statu",
        answer_text_truncated=True,
        furniture_removed=True,
    ),
    ], rejections=[])

def test_parallel_parliament():
    assert_answers(read_fixture("parallel_parliament.txt"), "parallel_parliament_listing", [
    answer(
        house='Commons',
        heading='Department of Health and Social Care: Written Questions',
        answering_body='Department of Health and Social Care',
        asking_member='Jessica Morden',
        asking_member_constituency='Newport East',
        asking_member_party='Labour',
        question_text='To ask the Secretary of State for Health and Social Care, what proportion of (a) ordinary and (b) named-day written questions their Department answered on time in 2022.',
        tabled_date=date(2023, 1, 23),
        answering_minister='Will Quince',
        answer_text='For the period of 4 January 2022 to 28 April 2022, the Department answered 48.06% of Named Day Written Questions on the named day.\n\nThe Department receives the most Written Questions amongst all government departments.',
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        heading='Schools: Stoke-on-Trent',
        answering_body='Department for Education',
        asking_member='Jo Gideon',
        asking_member_constituency='Stoke-on-Trent Central',
        asking_member_party='Labour (Co-op)',
        question_text='To ask the Secretary of State for Education, how many schools in Stoke-on-Trent Central constituency have RAAC.',
        tabled_date=date(2023, 6, 20),
        answered_date=date(2023, 6, 27),
        answering_minister='Nick Gibb',
        replaces_holding_answer=True,
        answer_text='No schools in Stoke-on-Trent Central have been confirmed to contain RAAC.',
        furniture_removed=True,
    ),
    ], rejections=[])

def test_parallel_parliament_cut():
    assert_answers(read_fixture("parallel_parliament_cut.txt"), "parallel_parliament_listing", [
    answer(
        house='Lords',
        heading='Asylum: Republic of Ireland',
        answering_body='Home Office',
        asking_member='Lord Weir of Ballyholme',
        asking_member_party='Democratic Unionist Party',
        question_text="To ask His Majesty's Government whether they have received any formal request or demand from the government of Ireland to send any asylum applicants back to the UK from the Republic of Ireland.",
        tabled_date=date(2024, 5, 16),
        answering_minister='Lord Sharpe of Epsom',
        answer_text='The Home Office has a Memorandum of Understanding (MoU) with the Irish Department of Justice for information sharing to preserve and enhance the operation of the Common Travel Area. This enables data sharing about asylum seekers.\n\nIn addition to this, in 2020 we agreed operational arrangements which allow for the return and readmission of asylum seekers where this is agreed by both participants. This is not a legally binding agreement and Ireland has not returned anyone to the UK under these arrangements.',
        furniture_removed=True,
    ),
    answer(
        house='Lords',
        heading='Asylum: EU Countries',
        answering_body='Home Office',
        asking_member='Lord Weir of Ballyholme',
        asking_member_party='Democratic Unionist Party',
        question_text="To ask His Majesty's Government how many asylum applicants have been returned to the UK from the EU in the last 12 months.",
        tabled_date=date(2024, 5, 16),
        answering_minister='Lord Sharpe of Epsom',
        answer_text='There have been no returns from the EU to the UK.',
        furniture_removed=True,
    ),
    ], rejections=[(3, 'record cut off inside its question text')])

def test_theyworkforyou_wrans():
    assert_answers(read_fixture("theyworkforyou_wrans.txt"), "theyworkforyou_wrans", [
    answer(
        house='Commons',
        heading='Department for Work and Pensions: Remote Working',
        answering_body='Department for Work and Pensions',
        asking_member='David Jones',
        asking_member_constituency='Clwyd West',
        asking_member_party='Conservative',
        question_text='To ask the Secretary of State for Work and Pensions, what steps her Department has taken to enable its officials to work from home during the covid-19 outbreak.',
        answered_date=date(2020, 5, 12),
        answering_minister='Mims Davies',
        replaces_holding_answer=True,
        answer_text='DWP is committed to supporting everyone during this unprecedented time.\n\nWhere colleagues can effectively contribute to this effort working from home then they are doing so. Not all colleagues can work from home because they need to access equipment, programmes and support to enable them to do their telephony and processing work.',
        furniture_removed=True,
    ),
    ], rejections=[])

def test_theyworkforyou_wrans_grouped():
    assert_answers(read_fixture("theyworkforyou_wrans_grouped.txt"), "theyworkforyou_wrans", [
    answer(
        uin='248001',
        house='Commons',
        heading='Schools: Asbestos',
        answering_body='Department for Education',
        asking_member='Jane Doe',
        asking_member_constituency='Exampleton North',
        asking_member_party='Labour',
        question_text='To ask the Secretary of State for Education, how many schools contain asbestos.',
        answered_date=date(2019, 5, 2),
        answering_minister='Nick Gibb',
        answer_text='The Department publishes guidance on asbestos management for schools.\n\nAll schools must have an asbestos management plan.',
        grouped_uins=('248002',),
    ),
    answer(
        uin='248002',
        house='Commons',
        heading='Schools: Asbestos',
        answering_body='Department for Education',
        asking_member='John Roe',
        asking_member_constituency='Exampleton South',
        asking_member_party='Liberal Democrat',
        question_text='To ask the Secretary of State for Education, what guidance his Department issues on asbestos in schools.',
        answered_date=date(2019, 5, 2),
        answering_minister='Nick Gibb',
        answer_text='The Department publishes guidance on asbestos management for schools.\n\nAll schools must have an asbestos management plan.',
        grouped_uins=('248001',),
    ),
    ], rejections=[])

def test_written_questions_api_list():
    assert_answers(read_fixture("written_questions_api_list.json"), "written_questions_api", [
    answer(
        uin='HL1234',
        house='Lords',
        heading='Apprentices',
        answering_body='Department for Education',
        asking_member='Baroness Smith of Newnham',
        asking_member_party='Liberal Democrat',
        question_text="To ask His Majesty's Government what steps they are taking to support flexi-job apprenticeships.",
        tabled_date=date(2024, 1, 8),
        answered_date=date(2024, 1, 22),
        answering_minister='Baroness Barran',
        replaces_holding_answer=True,
        answer_text='Apprentices & employers: see the table.\n\nYear | Starts\n2022 | 1,200',
        grouped_uins=('HL1235', 'HL1236'),
        url='https://questions-statements.parliament.uk/written-questions/detail/2024-01-08/HL1234',
        question_id=1800001,
        asking_member_id=3456,
        answering_member_id=3985,
        answering_body_id=60,
        date_for_answer=date(2024, 1, 10),
        is_named_day=True,
        member_has_interest=False,
        attachment_count=0,
        holding_answer_date=date(2024, 1, 19),
    ),
    answer(
        uin='9001',
        house='Commons',
        heading='Apprentices: Construction',
        answering_body='Department for Education',
        asking_member='Ms Jane Example',
        asking_member_constituency='Exampleton',
        asking_member_party='Labour',
        question_text='To ask the Secretary of State for Education, how many (a) starts and (b) completions of flexi-job apprenticeships there have been through the flexi-job apprenticeship agencies register since February 2022.',
        tabled_date=date(2024, 1, 5),
        answered_date=date(2024, 1, 10),
        is_holding_answer=True,
        is_correction=True,
        answer_text='I will reply as soon as possible.',
        url='https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/9001',
        question_id=1800002,
        asking_member_id=4253,
        answering_member_id=3985,
        answering_body_id=60,
        date_for_answer=date(2024, 1, 10),
        is_named_day=True,
        member_has_interest=False,
        attachment_count=0,
    ),
    answer(
        uin='9002',
        house='Commons',
        heading='Apprentices: Pay',
        answering_body='Department for Education',
        question_text='To ask the Secretary of State for Education, how many (a) starts and (b) completions of flexi-job apprenticeships there have been through the flexi-job apprenticeship agencies register since February 2022.',
        tabled_date=date(2024, 1, 5),
        is_withdrawn=True,
        url='https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/9002',
        question_id=1800003,
        asking_member_id=4253,
        answering_member_id=3985,
        answering_body_id=60,
        date_for_answer=date(2024, 1, 10),
        is_named_day=True,
        member_has_interest=False,
        attachment_count=0,
    ),
    ], rejections=[])

def test_written_questions_api_record():
    assert_answers(read_fixture("written_questions_api_record.json"), "written_questions_api", [
    answer(
        uin='7926',
        house='Commons',
        heading='Apprentices: Employment Agencies',
        answering_body='Department for Education',
        question_text='To ask the Secretary of State for Education, how many (a) starts and (b) completions of flexi-job apprenticeships there have been through the flexi-job apprenticeship agencies register since February 2022.',
        tabled_date=date(2024, 1, 5),
        answered_date=date(2024, 1, 10),
        answer_text='The department is supporting sectors with short-term project-based work through flexi-Job apprenticeship agencies (FJAAs), which allow apprentices to work with different host employers, and on a range of projects, to gain the skills and knowledge needed to be successful in their chosen field.\n\nIn July 2021, the government created a £7 million fund to support employers set up and expand FJAAs. £4.5 million of grant allocations have been awarded, and 97% (£4.3 million) of the grant allocations have been spent.\n\nThere are now 44 FJAAs supporting the delivery of apprenticeships in sectors such as creative, construction, agriculture and digital, across every region in England. The current register of FJAAs can be accessed here: https://www.gov.uk/government/publications/flexi-job-apprenticeships/flexi-job-apprenticeship-agencies.\n\nThe number of apprenticeship starts through FJAAs can be found in the apprenticeships and traineeships statistical release here: https://explore-education-statistics.service.gov.uk/find-statistics/apprenticeships-and-traineeships, with the latest data to be published on 25 January 2024. The department intends to publish data on achievements by FJAAs in due course.',
        url='https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/7926',
        question_id=1679416,
        asking_member_id=4253,
        answering_member_id=3985,
        answering_body_id=60,
        date_for_answer=date(2024, 1, 10),
        is_named_day=True,
        member_has_interest=False,
        attachment_count=0,
    ),
    ], rejections=[])

def test_written_questions_listing():
    assert_answers(read_fixture("written_questions_listing.txt"), "written_questions_listing", [
    answer(
        house='Lords',
        heading='Trade Promotion',
        answering_body='Department for International Trade',
        asking_member='Lord Grocott',
        question_text="To ask Her Majesty's Government what are the job descriptions of each Trade Envoy.",
        tabled_date=date(2019, 7, 22),
        answered_date=date(2019, 8, 16),
        answering_minister='Lord Young of Cookham',
        answer_text='The Terms of Appointment for the Programme provide the framework to which Trade Envoys work to.\n\nTrade Envoys are appointed by the Prime Minister.',
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        answering_body='House of Commons Commission',
        asking_member_constituency='Christchurch',
        question_text='To ask the hon. Member for Perth and North Perthshire, representing the House of Commons Commission, on how many occasions since June 2019 reports have been made on the missing towel dispenser in Norman Shaw North.',
        tabled_date=date(2020, 2, 11),
        answered_date=date(2020, 2, 24),
        answering_minister='Pete Wishart',
        answer_text='Parliamentary Maintenance Services Team (PMST) has three recorded instances of this roller towel being reported to its Helpdesk – on 18/06/19, 09/09/19 and 16/10/19.',
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        heading='Ceramics: USA',
        answering_body='Department for International Trade',
        asking_member='Ruth Smeeth',
        asking_member_constituency='Stoke-on-Trent North',
        question_text='To ask the Secretary of State for International Trade, what representations he has made to the US to oppose retaliatory duties of up to 100 per cent against British ceramic products.',
        tabled_date=date(2019, 4, 11),
        answered_date=date(2019, 4, 25),
        answering_minister='George Hollingbery',
        answer_text='The UK is working closely with the US.',
        grouped_uins=('243501', '243502'),
        furniture_removed=True,
    ),
    ], rejections=[])

def test_written_questions_listing_2016_cut():
    assert_answers(read_fixture("written_questions_listing_2016_cut.txt"), "written_questions_listing", [
    answer(
        house='Commons',
        heading='VisitEngland',
        answering_body='Department for Culture, Media and Sport',
        asking_member_constituency='Cambridge',
        question_text='To ask the Secretary of State for Culture, Media and Sport, what recent discussions he has had with VisitEngland on fiscal support for the Great Places Fund; and what the outcome of those discussions was.',
        tabled_date=date(2015, 11, 13),
        answered_date=date(2016, 3, 24),
        answering_minister='David Evennett',
        answer_text='The British Tourist Authority received a very positive Spending Review settlement, with a stable budget over the next four years for both Britain and England activity, an increase in overall GREAT funding and the new £40million Discover England Fund. The Fund will be administered by VisitEngland and will benefit both domestic and international tourism, making it easier for all visitors to book, access and enjoy our tourism offer.\n\nFollowing the floods caused by storms Desmond and Eva,, £1million has also been provided for a promotional campaign to encourage British families to take holidays in the North of England.',
        grouped_uins=('16197',),
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        heading='Tourism: Marketing',
        answering_body='Department for Culture, Media and Sport',
        asking_member_constituency='Cambridge',
        question_text='To ask the Secretary of State for Culture, Media and Sport, what plans he has to (a) maintain and (b) increase real terms funding for marketing of domestic tourism after 2015.',
        tabled_date=date(2015, 11, 13),
        furniture_removed=True,
    ),
    ], rejections=[])

def test_written_questions_listing_2019_cut():
    assert_answers(read_fixture("written_questions_listing_2019_cut.txt"), "written_questions_listing", [
    answer(
        house='Commons',
        heading='Home Office: Vetting',
        answering_body='Home Office',
        asking_member='Jon Trickett',
        asking_member_constituency='Hemsworth',
        question_text='To ask the Secretary of State for the Home Department, pursuant to the Answer of 25 February 2019 to Question 223140 on Home Office: Staff, whether a (a) Counter Terrorist Check, (b) Security Check and (c) Developed Vetting has been required for each of the staff contracted by suppliers.',
        tabled_date=date(2019, 3, 1),
        answered_date=date(2019, 3, 26),
        answering_minister='Victoria Atkins',
        answer_text='Staff contracted by suppliers are required to have a minimum clearance level of Base Level Clearance (BPSS).\n\nAll roles are assessed against the security framework to establish the level of clearance required. Where deemed appropriate for the role, staff contracted by suppliers are must also successfully complete a Counter Terrorist Check (CTC) or Security Check (SC). There are no resources on the programme that require Developed Vetting (DV).',
        furniture_removed=True,
    ),
    ], rejections=[(2, 'record cut off before its question text')])
